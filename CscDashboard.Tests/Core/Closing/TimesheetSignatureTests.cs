using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Timesheets;
using CscDashboard.Tests.Core.Evidence;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Closing;

/// <summary>
/// Issue 18 point 5: the person signs their monthly timesheet in the app, the lead countersigns at approval; each
/// signature keeps who, when and the SHA-256 of the content; the PDF prints them; a changed timesheet loses them.
/// </summary>
public sealed class TimesheetSignatureTests
{
    private static readonly DateOnly February = ClosingWorld.February;

    [Fact]
    public async Task Signed_by_the_person_countersigned_at_approval_printed_with_the_hash_and_invalidated_by_a_change()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var id = await w.ActivityAsync(new DateOnly(2023, 2, 8), "Réunion des CTN");
        var timesheets = w.Get<TimesheetService>();
        var before = await w.AsAsync(w.Coordinator, () => timesheets.BuildAsync(w.Member, February));
        Assert.True(before.IsCallers);
        Assert.Matches("^[0-9a-f]{64}$", before.ContentSha256);

        await w.AsAsync(w.Coordinator, () => timesheets.SignAsync(w.Member, February, before.ContentSha256));

        Assert.Equal(SignatureStatus.SignedByEmployee, await w.TimesheetStatusAsync(February));
        await using (var db = w.Ctx.CreateDb())
        {
            var signature = await db.TimesheetSignatures.SingleAsync();
            Assert.Equal(SignatureKind.Employee, signature.Kind);
            Assert.Equal(w.Coordinator.UserId, signature.SignedByUserId);
            Assert.Equal(before.ContentSha256, signature.ContentSha256);
            Assert.Equal(new DateTime(2023, 3, 15, 9, 0, 0, DateTimeKind.Utc), signature.SignedAt);
        }
        var signed = PdfText((await w.AsAsync(w.Coordinator, () => timesheets.RenderAsync(w.Member, February))).Content);
        Assert.Contains("Signé électroniquement par camille.coord le 15/03/2023 à 10:00", signed);
        Assert.Contains("Empreinte SHA-256 du contenu de cette feuille", signed);
        Assert.Contains(before.ContentSha256, signed);

        // The lead's approval countersigns it.
        await w.CloseAsync(February);
        Assert.Equal(SignatureStatus.Countersigned, await w.TimesheetStatusAsync(February));
        var countersigned = PdfText((await w.AsAsync(w.Lead, () => timesheets.RenderAsync(w.Member, February))).Content);
        Assert.Contains($"Contresigné électroniquement par {ClosingWorld.LeadName} le 15/03/2023 à 10:00", countersigned);

        // Reopened and edited: the content changes, both signatures fall (kept in the table, gone from the sheet).
        await w.AsAsync(w.Lead, () => w.Get<MonthCloseService>().ReopenAsync(w.Art, February, "Durée erronée"));
        await w.AsAsync(w.Coordinator, async () => await w.Get<ActivityService>().UpdateAsync(id,
            w.Visit(new DateOnly(2023, 2, 8), "Réunion des CTN") with { DurationMinutes = 120 }, await w.VersionOfActivityAsync(id)));

        Assert.Equal(SignatureStatus.Draft, await w.TimesheetStatusAsync(February));
        await using (var db = w.Ctx.CreateDb())
        {
            Assert.Equal(2, await db.TimesheetSignatures.CountAsync(s => s.InvalidatedAt != null));
        }
        var after = await w.AsAsync(w.Coordinator, () => timesheets.BuildAsync(w.Member, February));
        Assert.NotEqual(before.ContentSha256, after.ContentSha256);
        Assert.Empty(after.Signatures);
        Assert.DoesNotContain("électroniquement", PdfText((await w.AsAsync(w.Coordinator, () => timesheets.RenderAsync(w.Member, February))).Content));
    }

    [Fact]
    public async Task Only_the_person_signs_their_own_content_once_and_an_edit_in_between_is_a_conflict()
    {
        await using var w = await ClosingWorld.CreateAsync();
        var id = await w.ActivityAsync(new DateOnly(2023, 2, 8));
        var timesheets = w.Get<TimesheetService>();
        var seen = (await w.AsAsync(w.Coordinator, () => timesheets.BuildAsync(w.Member, February))).ContentSha256;
        var writes = await w.WritesAsync();

        foreach (var other in new[] { w.Lead, w.Admin, w.Other, w.Committee, ClosingWorld.System })
        {
            await Assert.ThrowsAsync<ScopeViolationException>(() => w.AsAsync(other, () => timesheets.SignAsync(w.Member, February, seen)));
        }
        Assert.Equal(writes, await w.WritesAsync());

        await w.AsAsync(w.Coordinator, async () => await w.Get<ActivityService>().DeleteAsync(id, await w.VersionOfActivityAsync(id)));
        var changed = await w.WritesAsync();
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => w.AsAsync(w.Coordinator, () => timesheets.SignAsync(w.Member, February, seen)));
        Assert.Equal(changed, await w.WritesAsync());

        var now = (await w.AsAsync(w.Coordinator, () => timesheets.BuildAsync(w.Member, February))).ContentSha256;
        await w.AsAsync(w.Coordinator, () => timesheets.SignAsync(w.Member, February, now));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Coordinator, () => timesheets.SignAsync(w.Member, February, now)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => w.AsAsync(w.Coordinator, () => timesheets.SignAsync(w.Member, new DateOnly(2023, 4, 1), now)));
    }

    [Fact]
    public async Task A_paper_scan_records_the_signatures_it_carries_with_the_content_hash()
    {
        await using var w = await ClosingWorld.CreateAsync();
        await w.ActivityAsync(new DateOnly(2023, 2, 8));
        var timesheets = w.Get<TimesheetService>();
        var hash = (await w.AsAsync(w.Coordinator, () => timesheets.BuildAsync(w.Member, February))).ContentSha256;

        var saved = await w.AsAsync(w.Coordinator, () => timesheets.AttachSignedScanAsync(w.Member, February, SignatureStatus.Countersigned, "scan.pdf",
            new MemoryStream(EvidenceTestData.Pdf())));

        await using var db = w.Ctx.CreateDb();
        var signatures = await db.TimesheetSignatures.OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([SignatureKind.Employee, SignatureKind.Countersignature], signatures.Select(s => s.Kind));
        Assert.All(signatures, s =>
        {
            Assert.True(s.OnPaper);
            Assert.Equal(saved.Id, s.EvidenceId);
            Assert.Equal(hash, s.ContentSha256);
        });
        Assert.Equal(SignatureStatus.Countersigned, await w.TimesheetStatusAsync(February));
        var text = PdfText((await w.AsAsync(w.Coordinator, () => timesheets.RenderAsync(w.Member, February))).Content);
        Assert.Contains("Signature sur papier enregistrée par camille.coord", text);
    }

    private static string PdfText(byte[] content)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(content);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }
}
