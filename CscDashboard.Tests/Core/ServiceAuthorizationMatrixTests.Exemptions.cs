using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using CscDashboard.Core.Data.Postgres;
using CscDashboard.Core.Data.Seeding;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Reporting.Pdf;
using CscDashboard.Core.Tools;

namespace CscDashboard.Tests.Core;

/// <summary>What the matrix does not call as every role: infrastructure classes and territory-neutral methods, each with its reason.</summary>
public sealed partial class ServiceAuthorizationMatrixTests
{
    /// <summary>Registered Core classes that are not services a page calls with a user, and why.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Infrastructure = new Dictionary<Type, string>
    {
        [typeof(AppDbContext)] = "the database itself: pages never hold one, services open their own from the factory",
        [typeof(StorageOptions)] = "settings: the paths of the data directory",
        [typeof(CscDashboard.Core.Dashboards.DashboardCacheOptions)] = "settings: the dashboards cache's capacity and lifetime",
        [typeof(CscDashboard.Core.Dashboards.DashboardCache)] = "figures DashboardService asks for after it checked the caller's role (ADR 035); reads no data itself",
        [typeof(ChangeNotifier)] = "in-memory events that carry ids only; listening pages reload through the services",
        [typeof(EvidenceStore)] = "the evidence files by hash, behind EvidenceService, EvidenceQueries and the dossier builder; downloads go through EvidenceQueries.OpenAsync",
        [typeof(PdfDocumentComposerFactory)] = "renders documents from models it is given; reads no data",
        [typeof(DatabaseInitializer)] = "migrations and reference data, at start-up and by the seed verb, before any user exists",
        [typeof(DemoDataSeeder)] = "demo data, at start-up in Development and by the seed verb only",
        [typeof(NationalDataSeeder)] = "bench data, by the seed verb only",
        [typeof(DatabaseOptions)] = "settings: which database (SQLite or PostgreSQL)",
        [typeof(CscDashboard.Core.Backups.MaintenanceGate)] = "pauses database work during a restore run by RestoreService (which checks the caller); reads no data",
        [typeof(CscDashboard.Core.Network.Import.ImportLimits)] = "settings: the bounds of an import",
        [typeof(CscDashboard.Core.Users.UserSessionService)] = "sign-in machinery (ADR 018): the cookie check, sign-in and sign-out call it with the session's own id; it reads no territory's data",
        [typeof(CscDashboard.Core.OpenData.AccessTokenAuthenticator)] = "the API's authentication (ADR 026): checks a presented secret before any caller exists, like the cookie's session check; what the token then reads goes through the rows of the API's classes",
        [typeof(CscDashboard.Core.Notifications.MailOptions)] = "settings: the SMTP relay or the pickup folder, the sender, the public address of the links",
        [typeof(CscDashboard.Core.Notifications.NoMailSignal)] = "tells nobody that mail was queued (no host); carries no data",
        [typeof(CscDashboard.Core.Notifications.NotificationOptions)] = "settings: the thresholds of the reminders and digests",
        [typeof(CscDashboard.Core.Notifications.UnsubscribeLinks)] = "signs and reads unsubscribe tokens; reads no data (NotificationPreferencesService.UnsubscribeAsync acts on them)",
        [typeof(CscDashboard.Core.Notifications.Notices)] = "writes a notice for a recipient the jobs chose; called by the jobs inside their own context only",
        [typeof(CscDashboard.Core.Notifications.CoordinatorReminderJob)] = "a Hangfire job (ADR 028): writes each coordinator's own reminders as the system; returns a count",
        [typeof(CscDashboard.Core.Notifications.DigestJob)] = "a Hangfire job (ADR 028): writes the lead's digest and the committee's notices as the system; returns a count",
        [typeof(CscDashboard.Core.Notifications.OutboxSender)] = "the outbox's Hangfire job (ADR 028): sends what Core services queued after their own checks; returns a count and reads nothing for a caller",
        [typeof(SqliteToPostgresCopier)] = "the copy-to-postgres verb only, into an empty database, before any user works on it",
    };

    /// <summary>Methods that return or write no territory's data, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> TerritoryNeutral = new Dictionary<string, string>
    {
        ["LookupService.TerritoriesAsync"] = "reference data: the territories' codes and names",
        ["LookupService.WorkstreamsAsync"] = "reference data: the three workstreams",
        ["LookupService.AudienceGroupsAsync"] = "reference data: the age bands and publics of the inhabitants' breakdown",
        ["DashboardService.OperationsAsync"] = "reference data: the operations' codes and dates",
        ["ReportService.PreviousPeriod"] = "date arithmetic on today; reads nothing",
        ["ActivityExportService.FileName"] = "a file name from today's date; reads nothing",
    };
}
