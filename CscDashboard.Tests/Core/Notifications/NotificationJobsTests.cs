using CscDashboard.Core.Activities;
using CscDashboard.Core.Closing;
using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Notifications;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace CscDashboard.Tests.Core.Notifications;

/// <summary>
/// The reminders and digests (issue 19 points 5-7, ADR 028): who gets what and when, French public holidays, one notice
/// per fact and period however often a job runs, opt-outs, and every kind through a real SMTP server and the pickup folder.
/// </summary>
public sealed partial class NotificationJobsTests
{
    /// <summary>Wednesday 12 April 2023, the week after Easter (Monday 10 April is a public holiday).</summary>
    private static readonly DateOnly Wednesday = new(2023, 4, 12);

    private sealed record World(CoreTestContext Ctx, CurrentUser Coordinator, CurrentUser Lead, CurrentUser Committee) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Ctx.DisposeAsync();
    }

    private static async Task<World> WorldAsync(DateOnly today)
    {
        var ctx = await CoreTestContext.CreateAsync(new DateTimeOffset(today.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        var world = new World(ctx,
            await ctx.AddUserAsync("camille@test.csc", Roles.Coordinator, "ART"),
            await ctx.AddUserAsync("lea@test.csc", Roles.ProjectLead),
            await ctx.AddUserAsync("comite@test.csc", Roles.Committee));
        // Artois's last activity: Thursday 6 April, a workshop (collective: it owes an attendance sheet).
        await ActivityAsync(ctx, "ART", new DateOnly(2023, 4, 6), world.Coordinator.UserId!, ActivityFormat.Workshop);
        return world;
    }

    private static async Task ActivityAsync(CoreTestContext ctx, string territory, DateOnly date, string authorId, ActivityFormat format = ActivityFormat.Visit)
    {
        await using var db = ctx.CreateDb();
        var activity = new Activity
        {
            OperationId = await db.Operations.Where(o => o.Code == ReferenceData.FirstOperationCode).Select(o => o.Id).SingleAsync(),
            Date = date, DurationMinutes = 60, TerritoryId = await ctx.TerritoryIdAsync(territory), AuthorId = authorId,
            Type = ActivityType.CentreSupport, Format = format, Place = ActivityPlace.InCentre, Title = "Atelier numérique",
            InhabitantCount = format == ActivityFormat.Workshop ? 8 : 0,
        };
        activity.RefreshDerivedValues();
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
    }

    private static async Task<List<Notification>> NoticesAsync(CoreTestContext ctx, CurrentUser user)
    {
        await using var db = ctx.CreateDb();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == user.UserId).OrderBy(n => n.Id).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> MailsAsync(CoreTestContext ctx)
    {
        await using var db = ctx.CreateDb();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private static void MoveTo(CoreTestContext ctx, DateOnly day) =>
        ctx.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));

    [Fact]
    public async Task French_public_holidays_and_weekends_are_not_working_days()
    {
        Assert.Equal(new DateOnly(2024, 3, 31), FrenchHolidays.EasterSunday(2024));
        Assert.True(FrenchHolidays.IsPublicHoliday(new DateOnly(2024, 4, 1)));   // Easter Monday
        Assert.True(FrenchHolidays.IsPublicHoliday(new DateOnly(2024, 5, 9)));   // Ascension Day
        Assert.True(FrenchHolidays.IsPublicHoliday(new DateOnly(2024, 5, 20)));  // Whit Monday
        Assert.True(FrenchHolidays.IsPublicHoliday(new DateOnly(2024, 7, 14)));
        Assert.False(FrenchHolidays.IsPublicHoliday(new DateOnly(2024, 5, 21)));
        // Friday 6 April 2023 (Good Friday is not a holiday in the Nord), Monday 10 April is.
        Assert.Equal(2, FrenchHolidays.WorkingDaysBetween(new DateOnly(2023, 4, 6), new DateOnly(2023, 4, 11)));
        Assert.Equal(0, FrenchHolidays.WorkingDaysBetween(new DateOnly(2023, 4, 6), new DateOnly(2023, 4, 6)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_coordinator_is_reminded_after_three_working_days_without_activity_holidays_excluded_once_per_silence()
    {
        await using var world = await WorldAsync(Wednesday);
        var ctx = world.Ctx;
        var job = ctx.Get<CoordinatorReminderJob>();

        // Wednesday: Friday 7 and Tuesday 11 have passed (Monday 10 was Easter Monday): two working days.
        await job.RunDailyAsync(CancellationToken.None);
        Assert.DoesNotContain(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.InactivityReminder);

        MoveTo(ctx, Wednesday.AddDays(1));
        await job.RunDailyAsync(CancellationToken.None);
        await job.RunDailyAsync(CancellationToken.None);
        MoveTo(ctx, Wednesday.AddDays(2));
        await job.RunDailyAsync(CancellationToken.None);

        var quiet = Assert.Single(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.InactivityReminder);
        Assert.Equal("Aucune activité saisie depuis 3 jours ouvrés", quiet.Title);
        Assert.Equal("Dernière activité saisie pour Artois : le jeudi 6 avril 2023.", quiet.Text);
        Assert.Equal("/activities/new", quiet.Link);
        var mail = Assert.Single(await MailsAsync(ctx), m => m.Kind == MailKind.InactivityReminder);
        Assert.Equal("camille@test.csc", mail.ToAddress);
        Assert.Contains("Bonjour camille,", mail.TextBody);
        Assert.Contains("Saisir une activité :\nhttp://localhost:5260/activities/new", mail.TextBody);
        Assert.Contains("Ne plus recevoir ce type de message : http://localhost:5260/account/notifications/unsubscribe?t=", mail.TextBody);
        // Nobody else is told: the lead and the committee coordinate nothing.
        Assert.Empty(await NoticesAsync(ctx, world.Lead));

        // A new activity ends the silence; the next one is a new fact.
        await ActivityAsync(ctx, "ART", Wednesday.AddDays(2), world.Coordinator.UserId!);
        MoveTo(ctx, new DateOnly(2023, 4, 19));
        await job.RunDailyAsync(CancellationToken.None);
        Assert.Single(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.InactivityReminder);
        MoveTo(ctx, new DateOnly(2023, 4, 20));
        await job.RunDailyAsync(CancellationToken.None);
        Assert.Equal(2, (await NoticesAsync(ctx, world.Coordinator)).Count(n => n.Kind == MailKind.InactivityReminder));
    }

    [Fact]
    public async Task Last_month_is_to_submit_until_it_is_submitted_and_nothing_is_sent_on_a_holiday()
    {
        await using var world = await WorldAsync(new DateOnly(2023, 4, 10));
        var ctx = world.Ctx;
        var job = ctx.Get<CoordinatorReminderJob>();

        Assert.Equal(0, await job.RunDailyAsync(CancellationToken.None)); // Easter Monday

        MoveTo(ctx, Wednesday);
        await job.RunDailyAsync(CancellationToken.None);
        await job.RunDailyAsync(CancellationToken.None);
        var month = Assert.Single(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.MonthToSubmit);
        Assert.Equal("Mars 2023 à soumettre pour Artois", month.Title);
        Assert.Equal("/closing/ART/2023-03", month.Link);
        Assert.Single(await MailsAsync(ctx), m => m.Kind == MailKind.MonthToSubmit);

        // May: April submitted, nothing to remind.
        await using (var db = ctx.CreateDb())
        {
            db.MonthCloses.Add(new MonthClose { TerritoryId = await ctx.TerritoryIdAsync("ART"), Month = new DateOnly(2023, 4, 1), Status = MonthCloseStatus.Submitted });
            await db.SaveChangesAsync();
        }
        MoveTo(ctx, new DateOnly(2023, 5, 2));
        await job.RunDailyAsync(CancellationToken.None);
        Assert.DoesNotContain(await NoticesAsync(ctx, world.Coordinator), n => n.Kind == MailKind.MonthToSubmit && n.Link.EndsWith("2023-04", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_owed_for_more_than_thirty_days_is_grouped_once_a_week()
    {
        await using var world = await WorldAsync(new DateOnly(2023, 4, 17));
        var ctx = world.Ctx;
        var job = ctx.Get<CoordinatorReminderJob>();
        // A workshop of February owes its sheet for more than 30 days; the one of 6 April not yet.
        await ActivityAsync(ctx, "ART", new DateOnly(2023, 2, 1), world.Coordinator.UserId!, ActivityFormat.Workshop);
        await ActivityAsync(ctx, "LIL", new DateOnly(2023, 2, 1), world.Coordinator.UserId!, ActivityFormat.Workshop);

        await job.RunWeeklyAsync(CancellationToken.None);
        await job.RunWeeklyAsync(CancellationToken.None);

        var owed = Assert.Single(await NoticesAsync(ctx, world.Coordinator));
        Assert.Equal(MailKind.EvidenceReminder, owed.Kind);
        Assert.Equal("1 pièce justificative attendue depuis plus de 30 jours", owed.Title);
        Assert.Equal("Artois — Action collective sans feuille d'émargement : 1", owed.Text);
        Assert.Equal("/compliance", owed.Link);
        var mail = Assert.Single(await MailsAsync(ctx));
        Assert.Contains("Artois\n", mail.TextBody);
        Assert.DoesNotContain("Lille", mail.TextBody);

        MoveTo(ctx, new DateOnly(2023, 4, 24));
        await job.RunWeeklyAsync(CancellationToken.None);
        Assert.Equal(2, (await NoticesAsync(ctx, world.Coordinator)).Count);
    }
}
