using CscDashboard.Core.Common;
using CscDashboard.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Tests.Core;

/// <summary>Notifications (issue 19, ADR 028): the administrator's outbox, the password reset, the bell and the mail preferences.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>A property, not a field: <see cref="Rows"/> (another file of this class) reads it while it is initialised.</summary>
    private static IReadOnlyList<Row> NotificationRows =>
    [
        // ---- The outbox: the administrator's page only ----
        On<OutboxService>.Read(nameof(OutboxService.CountsAsync), (s, w) => s.CountsAsync(), Cases(No, Ok, No, No, No, No)),
        On<OutboxService>.Read(nameof(OutboxService.ListAsync), (s, w) => s.ListAsync(OutboxStatus.Failed, new PageRequest()),
            Cases(No, Ok.With("refuse@test.csc"), No, No, No, No)),
        On<OutboxService>.Write(nameof(OutboxService.ResendAsync), w => w.FailedMessageAsync(), (s, w, id) => s.ResendAsync(id), Cases(No, Ok, No, No, No, No)),

        // ---- Password reset by e-mail: asked for and used without signing in; sent by the administrator ----
        On<PasswordResetService>.Write(nameof(PasswordResetService.RequestAsync),
            async w => (await w.Ctx.AddUserAsync($"oubli.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!,
            async (s, w, id) => await s.RequestAsync(await w.EmailOfAsync(id)), Cases(Ok, Ok, Ok, Ok, Ok, Ok)),
        On<PasswordResetService>.Read(nameof(PasswordResetService.IsLiveAsync), (s, w) => s.IsLiveAsync("lien-inconnu"), Cases(Ok, Ok, Ok, Ok, Ok, Ok)),
        On<PasswordResetService>.Write(nameof(PasswordResetService.ResetAsync), w => w.ResetLinkAsync(),
            (s, w, secret) => s.ResetAsync(secret, "Nouveau-Mot-2026", "Nouveau-Mot-2026"), Cases(Ok, Ok, Ok, Ok, Ok, Ok)),
        On<PasswordResetService>.Write(nameof(PasswordResetService.SendLinkAsync),
            async w => (await w.Ctx.AddUserAsync($"lien.{Guid.NewGuid():N}@test.csc", Roles.Committee)).UserId!,
            (s, w, id) => s.SendLinkAsync(id), Cases(No, Ok, No, No, No, No)),

        // ---- The bell: each signed-in person their own notifications (a job, without an account, has none) ----
        On<NotificationCenterService>.Read(nameof(NotificationCenterService.UnreadCountAsync), (s, w) => s.UnreadCountAsync(), Cases(No, Ok, Ok, Ok, Ok, Ok, No)),
        On<NotificationCenterService>.Read(nameof(NotificationCenterService.ListAsync), (s, w) => s.ListAsync(),
            Cases(No, Ok.Without("Artemis"), Ok.Without("Artemis"), Ok.Without("Artemis"), Ok, Ok.Without("Artemis"), No)),
        On<NotificationCenterService>.Write(nameof(NotificationCenterService.MarkReadAsync), w => w.CoordinatorNotificationAsync(),
            (s, w, id) => s.MarkReadAsync(id), Cases(No, Gone, Gone, Gone, Ok, Gone, No), idempotent: true),
        On<NotificationCenterService>.Write(nameof(NotificationCenterService.MarkAllReadAsync), (s, w) => s.MarkAllReadAsync(),
            Cases(No, Ok, Ok, Ok, Ok, Ok, No), idempotent: true),

        // ---- Mail preferences: one's own; the unsubscribe link without signing in ----
        On<NotificationPreferencesService>.Read(nameof(NotificationPreferencesService.GetAsync), (s, w) => s.GetAsync(), Cases(No, Ok, Ok, Ok, Ok, Ok, No)),
        On<NotificationPreferencesService>.Write(nameof(NotificationPreferencesService.SetAsync),
            (s, w) => s.SetAsync(MailKind.NewReport, enabled: false), Cases(No, Ok, Ok, Ok, Ok, Ok, No)),
        On<NotificationPreferencesService>.Write(nameof(NotificationPreferencesService.UnsubscribeAsync), w => w.UnsubscribeTokenAsync(),
            (s, w, token) => s.UnsubscribeAsync(token), Cases(Ok, Ok, Ok, Ok, Ok, Ok)),
        On<NotificationPreferencesService>.Read(nameof(NotificationPreferencesService.UnsubscribeLabel),
            (s, w) => Task.FromResult(s.UnsubscribeLabel("jeton-altere")), Cases(Ok, Ok, Ok, Ok, Ok, Ok)),
    ];

    public sealed partial class World
    {
        /// <summary>A notification of ART's coordinator (its text carries ART's marker).</summary>
        public async Task<int> CoordinatorNotificationAsync()
        {
            await using var db = Ctx.CreateDb();
            var notification = new Notification
            {
                UserId = Users[Caller.Coordinator].UserId!, Kind = MailKind.InactivityReminder, Title = "Aucune activité saisie",
                Text = "Artemis : rien depuis trois jours ouvrés.", Link = "/activities/new", DedupKey = $"matrice:{Guid.NewGuid():N}",
                CreatedAt = Ctx.Clock.GetUtcNow().UtcDateTime,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        }

        /// <summary>The unsubscribe token of a new account's digest mails (as its mail carries it).</summary>
        public async Task<string> UnsubscribeTokenAsync()
        {
            var user = await Ctx.AddUserAsync($"desinscription.{Guid.NewGuid():N}@test.csc", Roles.Committee);
            return Ctx.Get<UnsubscribeLinks>().Token(user.UserId!, MailKind.NewReport);
        }

        public async Task<string> EmailOfAsync(string userId)
        {
            await using var db = Ctx.CreateDb();
            return await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
        }

        /// <summary>A live reset link of a new account (as a mail from the sign-in page carries one); returns its secret.</summary>
        public async Task<string> ResetLinkAsync()
        {
            var user = await Ctx.AddUserAsync($"reinit.{Guid.NewGuid():N}@test.csc", Roles.Committee);
            var secret = Guid.NewGuid().ToString("N");
            await using var db = Ctx.CreateDb();
            var now = Ctx.Clock.GetUtcNow().UtcDateTime;
            db.PasswordResetTokens.Add(new PasswordResetToken
            {
                UserId = user.UserId!, SecretHash = PasswordResetService.Hash(secret), CreatedAt = now, ExpiresAt = now.AddHours(1),
                RequestedBy = PasswordResetService.RequestedFromSignIn,
            });
            await db.SaveChangesAsync();
            return secret;
        }

        /// <summary>A message of the outbox that failed (as the sending job leaves one).</summary>
        public async Task<int> FailedMessageAsync()
        {
            await using var db = Ctx.CreateDb();
            await Outbox.AddAsync(db, Ctx.Clock, MailKind.NewReport, null, "refuse@test.csc", null,
                new MailContent("Nouveau bilan", "Bonjour,", [], []), null, CancellationToken.None);
            await db.SaveChangesAsync();
            var message = await db.OutboxMessages.OrderByDescending(m => m.Id).FirstAsync();
            message.Status = OutboxStatus.Failed;
            message.LastError = "Adresse refusée par le serveur (550).";
            await db.SaveChangesAsync();
            return message.Id;
        }
    }
}
