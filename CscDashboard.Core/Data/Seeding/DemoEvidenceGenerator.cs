using CscDashboard.Core.Activities;
using CscDashboard.Core.Compliance;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Finance;
using CscDashboard.Core.Network;
using CscDashboard.Core.Operations;

namespace CscDashboard.Core.Data.Seeding;

/// <summary>A demo file in the evidence vault: its hash and size (the same bytes serve every row of a category).</summary>
internal sealed record DemoEvidenceFile(string Sha256, long Size);

/// <summary>
/// The pieces of evidence coordinators have filed so far: most of what the compliance rules ask for
/// in past months, less of the recent weeks (paperwork lags the field), so that completeness is
/// telling and every coordinator still owes something. A few pieces are withdrawn and replaced, as
/// happens with an unreadable scan. The files are placeholders, one per category.
/// </summary>
internal sealed class DemoEvidenceGenerator(DemoWorld world, IReadOnlyDictionary<EvidenceCategory, DemoEvidenceFile> files)
{
    private const string ContentType = "application/pdf";

    private readonly Random _rng = new(2026);

    public IEnumerable<EvidenceDocument> Documents(
        IReadOnlyList<Activity> activities, IReadOnlyList<Expense> expenses, IReadOnlyList<NetworkMember> members)
    {
        foreach (var a in activities.Where(NeedsAttendanceSheet))
        {
            if (Filed(a.Date))
            {
                foreach (var doc in WithOccasionalReplacement(Document(EvidenceCategory.AttendanceSheet, a.OperationId, a.TerritoryId, a.Date,
                    $"emargement_{a.Date:yyyy-MM-dd}_{DemoCatalog.Slug(a.Title)}.pdf", d => d.ActivityId = a.Id)))
                {
                    yield return doc;
                }
            }
        }
        foreach (var e in expenses.Where(e => Filed(e.InvoiceDate)))
        {
            yield return Document(EvidenceCategory.Invoice, e.OperationId, e.TerritoryId, e.InvoiceDate,
                $"facture_{DemoCatalog.Slug(e.InvoiceNumber)}.pdf", d => d.ExpenseId = e.Id);
            if (e.Category == CostCategory.Equipment && _rng.Chance(0.6))
            {
                yield return Document(EvidenceCategory.PurchaseOrder, e.OperationId, e.TerritoryId, e.InvoiceDate,
                    $"bon-de-commande_{DemoCatalog.Slug(e.Supplier)}_{e.InvoiceDate:yyyy-MM}.pdf", d => d.ExpenseId = e.Id);
            }
        }
        foreach (var m in members.Where(m => m.Assignment is Assignment.FullTime or Assignment.FixedPercent && _rng.Chance(0.9)))
        {
            if (world.OperationOn(m.ActiveFrom) is { } operation)
            {
                yield return Document(EvidenceCategory.MissionLetter, operation.Id, m.TerritoryId, m.ActiveFrom,
                    $"lettre-de-mission_{DemoCatalog.Slug(m.LastName)}-{DemoCatalog.Slug(m.FirstName)}.pdf", d => d.MemberId = m.Id);
            }
        }
        foreach (var c in world.Centres.Where(c => c.Status == CentreStatus.Engaged && c.EngagedOn is not null))
        {
            // The European funding poster goes up a few weeks after the centre joins.
            var postedOn = c.EngagedOn!.Value.AddDays(_rng.Next(10, 45));
            if (postedOn <= world.Today && Filed(postedOn) && world.OperationOn(postedOn) is { } operation)
            {
                yield return Document(EvidenceCategory.PublicityProof, operation.Id, c.TerritoryId, postedOn,
                    $"affiche-feder_{DemoCatalog.Slug(c.Name)}.pdf", d => d.CentreId = c.Id);
            }
        }
    }

    /// <summary>The attendance-sheet rule of <see cref="ComplianceService"/>.</summary>
    private static bool NeedsAttendanceSheet(Activity a) =>
        a.Type == ActivityType.PublicAction
        || (ComplianceService.CollectiveFormats.Contains(a.Format) && a.InhabitantCount + a.ProfessionalCount + a.VolunteerCount + a.PartnerCount > 0);

    /// <summary>Whether the piece owed for something on <paramref name="date"/> has been filed by now.</summary>
    private bool Filed(DateOnly date)
    {
        var age = world.Today.DayNumber - date.DayNumber;
        return _rng.Chance(age switch { > 90 => 0.93, > 30 => 0.7, _ => 0.35 });
    }

    /// <summary>One time in a hundred the first scan was unreadable: withdrawn with its reason, then filed again.</summary>
    private IEnumerable<EvidenceDocument> WithOccasionalReplacement(EvidenceDocument document)
    {
        if (_rng.Chance(0.01))
        {
            var withdrawn = Document(document.Category, document.OperationId, document.TerritoryId!.Value, document.PeriodMonth!.Value,
                document.OriginalName.Replace(".pdf", "_scan-illisible.pdf", StringComparison.Ordinal), d => d.ActivityId = document.ActivityId);
            withdrawn.WithdrawnAt = document.PeriodMonth!.Value.AddMonths(1).ToDateTime(new TimeOnly(9, 30));
            withdrawn.WithdrawnBy = DemoDataSeeder.CoordinatorName(world.Territories.Single(t => t.Id == document.TerritoryId).Number);
            withdrawn.WithdrawalReason = "Scan illisible : remplacé par un nouveau scan de la feuille signée.";
            yield return withdrawn;
        }
        yield return document;
    }

    private EvidenceDocument Document(EvidenceCategory category, int operationId, int territoryId, DateOnly date, string name,
        Action<EvidenceDocument> link)
    {
        var file = files[category];
        var operation = world.Operations.Single(o => o.Id == operationId);
        var document = new EvidenceDocument
        {
            OperationId = operationId,
            TerritoryId = territoryId,
            Category = category,
            Sha256 = file.Sha256,
            OriginalName = name.Length <= EvidenceNames.MaxLength ? name : name[^EvidenceNames.MaxLength..],
            Size = file.Size,
            ContentType = ContentType,
            PeriodMonth = new DateOnly(date.Year, date.Month, 1),
            RetentionUntil = operation.RetentionUntil,
        };
        link(document);
        return document;
    }

    /// <summary>The categories <see cref="Documents"/> files, each needing one placeholder file (and the co-funding conventions of <see cref="DemoIndicators"/>).</summary>
    public static readonly EvidenceCategory[] Categories =
    [
        EvidenceCategory.AttendanceSheet, EvidenceCategory.Invoice, EvidenceCategory.PurchaseOrder,
        EvidenceCategory.MissionLetter, EvidenceCategory.PublicityProof, EvidenceCategory.Other,
    ];
}
