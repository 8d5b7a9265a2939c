using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core.Workstreams;

/// <summary>Builders shared by the workstream tests. "Today" is the default test clock's 2023-03-15.</summary>
internal static class WorkstreamTestData
{
    public static readonly DateOnly Today = new(2023, 3, 15);

    public static async Task<int> WorkstreamIdAsync(CoreTestContext ctx, int number)
    {
        await using var db = ctx.CreateDb();
        return await db.Workstreams.Where(w => w.Number == number).Select(w => w.Id).SingleAsync();
    }

    /// <summary>Makes the user a co-animator of the workstream.</summary>
    public static async Task AddCoAnimatorAsync(CoreTestContext ctx, int workstreamId, string userId)
    {
        await using var db = ctx.CreateDb();
        db.WorkstreamCoordinators.Add(new WorkstreamCoordinator { WorkstreamId = workstreamId, UserId = userId });
        await db.SaveChangesAsync();
    }

    public static WatchItemInput Watch(string title = "Baromètre du numérique", string? tags = "usages, statistiques") => new()
    {
        Title = title,
        Url = "https://www.arcep.fr/",
        Summary = "Chiffres annuels sur l'équipement et les usages.",
        Tags = tags,
        Date = Today,
    };

    public static DeliverableInput Deliverable(string title = "Guide des démarches en ligne", DateOnly? due = null,
        DeliverableStatus status = DeliverableStatus.Planned) => new()
        {
            Title = title,
            DueDate = due ?? Today.AddMonths(3),
            Status = status,
        };
}
