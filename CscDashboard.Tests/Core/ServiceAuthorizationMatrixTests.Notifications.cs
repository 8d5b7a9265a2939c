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
    ];

    public sealed partial class World
    {
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
