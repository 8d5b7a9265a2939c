using CscDashboard.Core.Activities;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Governance;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Core.Evidence;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Governance;

/// <summary>Meetings and decisions in Core (issue 20, ADR 031): scope, activities of the attending coordinators, decisions, sanitised minutes.</summary>
public sealed partial class MeetingServiceTests
{
    private static readonly DateOnly Today = new(2023, 3, 15);

    private static MeetingInput Meeting(string title, int? territory = null, MeetingKind kind = MeetingKind.TerritorialAssembly, int? workstream = null,
        DateOnly? date = null, params string[] accounts) => new()
        {
            Kind = kind, Title = title, Date = date ?? Today.AddDays(-1), StartTime = new TimeOnly(14, 0), DurationMinutes = 90,
            TerritoryId = territory, WorkstreamId = workstream, Place = "Centre social Denis Papin", AccountIds = accounts,
        };

    [Fact]
    public async Task A_coordinator_manages_the_meetings_of_their_territories_and_workstreams_and_the_lead_all()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var coordinator = await ctx.AddUserAsync("art@test.csc", Roles.Coordinator, "ART");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        var committee = await ctx.AddUserAsync("comite@test.csc", Roles.Committee);
        int workstream;
        await using (var db = ctx.CreateDb())
        {
            workstream = await db.Workstreams.Where(w => w.Number == 2).Select(w => w.Id).SingleAsync();
            db.WorkstreamCoordinators.Add(new WorkstreamCoordinator { WorkstreamId = workstream, UserId = coordinator.UserId! });
            await db.SaveChangesAsync();
        }
        var service = ctx.Get<MeetingService>();
        var queries = ctx.Get<MeetingQueries>();

        ctx.ActAs(coordinator);
        var assembly = await service.CreateAsync(Meeting("Assemblée territoriale de l'Artois", art));
        var session = await service.CreateAsync(Meeting("Chantier parentalité", kind: MeetingKind.WorkstreamMeeting, workstream: workstream));
        var outside = await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(Meeting("Assemblée de Lille", lil)));
        Assert.Equal("Vous ne pouvez pas modifier les réunions d'un territoire qui ne vous est pas attribué.", outside.Message);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(Meeting("Comité partenarial", kind: MeetingKind.PartnerCommittee)));

        ctx.ActAs(lead);
        var lilAssembly = await service.CreateAsync(Meeting("Assemblée territoriale de Lille", lil));
        var committeeMeeting = await service.CreateAsync(Meeting("Comité partenarial", kind: MeetingKind.PartnerCommittee));

        // Every coordinator reads every meeting; writes stay in scope, and moving a meeting out of one's territory is refused.
        ctx.ActAs(coordinator);
        Assert.Equal(4, (await queries.ListAsync(new MeetingFilter(), new PageRequest())).TotalCount);
        Assert.False((await queries.GetAsync(lilAssembly)).CanManage);
        Assert.True((await queries.GetAsync(assembly)).CanManage);
        var lilVersion = (await queries.GetAsync(lilAssembly)).Input.Version;
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(lilAssembly, Meeting("Piraté", lil) with { Version = lilVersion }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.DeleteAsync(committeeMeeting, 1));
        var mine = await queries.GetAsync(assembly);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(assembly, mine.Input with { TerritoryId = lil }));
        await service.UpdateAsync(session, (await queries.GetAsync(session)).Input with { Title = "Chantier parentalité — séance 2" });

        // The committee reads none (meetings name people).
        ctx.ActAs(committee);
        await Assert.ThrowsAsync<ScopeViolationException>(() => queries.ListAsync(new MeetingFilter(), new PageRequest()));

        ctx.ActAs(lead);
        await service.DeleteAsync(assembly, mine.Input.Version);
        var titles = (await queries.ListAsync(new MeetingFilter(), new PageRequest())).Items.Select(m => m.Title).Order().ToList();
        Assert.Equal(["Assemblée territoriale de Lille", "Chantier parentalité — séance 2", "Comité partenarial"], titles);
        await using var check = ctx.CreateDb();
        Assert.True(await check.AuditEntries.CountAsync(a => a.Entity == nameof(CscDashboard.Core.Governance.Meeting)) >= 6);
    }

    [Fact]
    public async Task Each_attending_coordinator_gets_one_activity_which_stays_theirs_to_edit()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var artCoordinator = await ctx.AddUserAsync("art@test.csc", Roles.Coordinator, "ART");
        var valCoordinator = await ctx.AddUserAsync("val@test.csc", Roles.Coordinator, "VAL", "DOU");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        var service = ctx.Get<MeetingService>();
        var committeeMeeting = Meeting("Comité partenarial du 1er trimestre", kind: MeetingKind.PartnerCommittee,
            accounts: [artCoordinator.UserId!, valCoordinator.UserId!, lead.UserId!]);
        var id = await service.CreateAsync(committeeMeeting with { TerritoryId = art });

        await using (var db = ctx.CreateDb())
        {
            var activities = await db.Activities.AsNoTracking().OrderBy(a => a.Territory!.Number)
                .Select(a => new { a.AuthorId, a.Territory!.Code, a.Type, a.Format, a.Title, a.DurationMinutes, a.Date, a.StartTime }).ToListAsync();
            // One per coordinator (none for the lead), in the meeting's territory when they cover it, else their first.
            Assert.Equal([(artCoordinator.UserId!, "ART"), (valCoordinator.UserId!, "VAL")], activities.Select(a => (a.AuthorId, a.Code)));
            Assert.All(activities, a => Assert.Equal((ActivityType.Partnership, ActivityFormat.Meeting, "Comité partenarial — Comité partenarial du 1er trimestre", 90,
                Today.AddDays(-1), new TimeOnly(14, 0)), (a.Type, a.Format, a.Title, a.DurationMinutes, a.Date, a.StartTime)));
            // The dashboards' aggregates counted them in the same transaction.
            Assert.Equal(2, await db.ActivityMonthStats.Where(s => s.Month == new DateOnly(2023, 3, 1)).SumAsync(s => s.Activities));
        }

        // The coordinator edits their entry like any other; saving the meeting again neither duplicates nor overwrites it.
        ctx.ActAs(artCoordinator);
        var activityId = (await ctx.Get<MeetingQueries>().GetAsync(id)).Attendees.Single(a => a.Key == artCoordinator.UserId).ActivityId!.Value;
        var detail = await ctx.Get<ActivityQueries>().GetAsync(activityId);
        await ctx.Get<ActivityService>().UpdateAsync(activityId, detail.Input with { DurationMinutes = 150, Notes = "Préparation comprise" }, detail.Version);
        ctx.ActAs(lead);
        var meeting = await ctx.Get<MeetingQueries>().GetAsync(id);
        await service.UpdateAsync(id, meeting.Input with { Agenda = "1. Bilan du trimestre" });
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(2, await db.Activities.CountAsync());
            Assert.Equal(150, await db.Activities.Where(a => a.Id == activityId).Select(a => a.DurationMinutes).SingleAsync());
        }

        // A meeting planned weeks ahead waits: its activities are created once it is within the log's 7 days.
        var later = await service.CreateAsync(Meeting("Assemblée de juin", art, date: new DateOnly(2023, 6, 20), accounts: [artCoordinator.UserId!]));
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(2, await db.Activities.CountAsync());
        }
        ctx.Clock.Advance(TimeSpan.FromDays(90));
        await service.UpdateAsync(later, (await ctx.Get<MeetingQueries>().GetAsync(later)).Input);
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(1, await db.Activities.CountAsync(a => a.Date == new DateOnly(2023, 6, 20) && a.AuthorId == artCoordinator.UserId));
        }
    }

    [Fact]
    public async Task A_file_deposited_from_the_meeting_goes_to_the_vault_justifies_the_meeting_s_activity_and_is_attached_in_one_write()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lil = await ctx.TerritoryIdAsync("LIL");
        var artCoordinator = await ctx.AddUserAsync("art@test.csc", Roles.Coordinator, "ART");
        var lilCoordinator = await ctx.AddUserAsync("lil@test.csc", Roles.Coordinator, "LIL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        ctx.ActAs(lead);
        var assembly = await ctx.Get<MeetingService>().CreateAsync(Meeting("Assemblée territoriale de l'Artois", art, accounts: [artCoordinator.UserId!]));
        var planned = await ctx.Get<MeetingService>().CreateAsync(Meeting("Assemblée de Lille", lil));
        var links = ctx.Get<MeetingLinkService>();

        ctx.ActAs(artCoordinator);
        var id = await links.UploadAsync(assembly, "émargement signé.pdf", EvidenceCategory.AttendanceSheet, new MemoryStream(EvidenceTestData.Pdf("Émargement")));
        var meeting = await ctx.Get<MeetingQueries>().GetAsync(assembly);
        var attached = Assert.Single(meeting.Documents);
        Assert.Equal((id, "Feuille d'émargement"), (attached.Id, attached.Category));
        await using (var db = ctx.CreateDb())
        {
            var piece = await db.EvidenceDocuments.AsNoTracking().SingleAsync(e => e.Id == id);
            var activityId = meeting.Attendees.Single(a => a.Key == artCoordinator.UserId).ActivityId;
            Assert.Equal((activityId, (int?)art, new DateOnly(2023, 3, 1)), (piece.ActivityId, piece.TerritoryId, piece.PeriodMonth));
        }

        // Out of scope, or nothing in the caller's territories to justify: a French message and nothing stored.
        ctx.ActAs(lilCoordinator);
        await Assert.ThrowsAsync<ScopeViolationException>(() => links.UploadAsync(assembly, "intrus.pdf", EvidenceCategory.Other, new MemoryStream(EvidenceTestData.Pdf("Intrus"))));
        var nothing = await Assert.ThrowsAsync<ScopeViolationException>(() => links.UploadAsync(planned, "liste.pdf", EvidenceCategory.AttendanceSheet, new MemoryStream(EvidenceTestData.Pdf("Liste"))));
        Assert.Equal(MeetingLinkService.NoActivityToJustify, nothing.Message);
        ctx.ActAs(artCoordinator);
        var wrongType = await Assert.ThrowsAsync<ValidationFailedException>(() => links.UploadAsync(assembly, "notes.pdf", EvidenceCategory.Other, new MemoryStream("pas un PDF"u8.ToArray())));
        Assert.Contains("n'est pas un fichier PDF", wrongType.Errors["File"][0]);
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(1, await db.EvidenceDocuments.CountAsync());
            Assert.Equal(1, await db.MeetingDocuments.CountAsync());
        }
    }

    [Fact]
    public async Task Minutes_are_sanitised_and_a_script_never_comes_back()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<MeetingService>();
        const string typed = "<p>Présents : <strong>12</strong> centres<script>alert('x')</script></p>"
            + "<ul><li onclick=\"steal()\">Point 1</li><li>Point <em>2</em></li></ul>"
            + "<p><a href=\"javascript:alert(1)\">piège</a> <a href=\"https://www.example.org/cr\">annexe</a></p>"
            + "<img src=x onerror=alert(2)><iframe src=\"https://evil.example\"></iframe><style>body{display:none}</style>";

        var id = await service.CreateAsync(Meeting("Assemblée", art) with { Minutes = typed });

        var minutes = (await ctx.Get<MeetingQueries>().GetAsync(id)).Input.Minutes!;
        foreach (var forbidden in new[] { "<script", "alert", "onclick", "javascript:", "<img", "onerror", "<iframe", "<style" })
        {
            Assert.DoesNotContain(forbidden, minutes, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("<strong>12</strong>", minutes);
        Assert.Contains("<li>Point <em>2</em></li>", minutes);
        Assert.Contains("href=\"https://www.example.org/cr\"", minutes);
        Assert.Contains("rel=\"noopener noreferrer\"", minutes);
        await using var db = ctx.CreateDb();
        Assert.DoesNotContain("<script", await db.Meetings.Select(m => m.Minutes).SingleAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Présents : 12 centres\n• Point 1\n• Point 2\npiège annexe", MinutesHtml.PlainText(minutes));
        // Only markup, no text: no minutes at all.
        Assert.Null(MinutesHtml.Sanitize("<p><script>alert(1)</script></p>"));
    }

    [Fact]
    public async Task Bad_input_gets_french_messages_and_writes_nothing()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var service = ctx.Get<MeetingService>();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(new MeetingInput
        {
            Kind = MeetingKind.TerritorialAssembly, Title = " ", Date = new DateOnly(2019, 1, 1), DurationMinutes = 1,
            VideoLink = "visio.example.org", OtherParticipantCount = -1, AccountIds = ["inconnu"],
        }));

        Assert.Equal(["Title", "Date", "DurationMinutes", "TerritoryId", "VideoLink", "OtherParticipantCount", "AccountIds"], error.Errors.Keys);
        Assert.Equal("Une assemblée territoriale se tient pour un territoire : choisissez-le.", error.Errors["TerritoryId"].Single());
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Meetings.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Entity == nameof(CscDashboard.Core.Governance.Meeting)));
    }
}
