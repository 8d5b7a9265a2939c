using System.Net;
using CscDashboard.Core.Common;
using CscDashboard.Core.Evidence;
using CscDashboard.Core.Network;
using CscDashboard.Core.Reporting;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CscDashboard.Tests.Web;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The app with one account per caller and a centre and an activity in ART.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly CscWebFactory _app = new();
        private readonly Dictionary<string, string> _emails = new()
        {
            [Admin] = "admin-matrix@test.csc", [Lead] = "lead-matrix@test.csc", [Committee] = "committee-matrix@test.csc",
            [Coordinator] = "coord-art-matrix@test.csc", [OtherCoordinator] = "coord-lil-matrix@test.csc",
        };

        public int CentreId { get; private set; }
        public int ActivityId { get; private set; }
        public int ReportId { get; private set; }
        public int EvidenceId { get; private set; }
        public int MemberId { get; private set; }
        public int MeetingId { get; private set; }

        /// <summary>The app's data directory (its dossiers/ folder, for the download tests).</summary>
        public string DataDirectory => _app.DataDirectory;

        public async Task InitializeAsync()
        {
            await _app.AddUserAsync(_emails[Admin], Roles.Admin);
            await _app.AddUserAsync(_emails[Lead], Roles.ProjectLead);
            await _app.AddUserAsync(_emails[Committee], Roles.Committee);
            var author = await _app.AddUserAsync(_emails[Coordinator], Roles.Coordinator, "ART");
            await _app.AddUserAsync(_emails[OtherCoordinator], Roles.Coordinator, "LIL");
            CentreId = await _app.AddCentreAsync("ART", "Centre social de la matrice");
            ActivityId = await _app.AddActivityAsync(author, "ART", "Visite de la matrice");
            ReportId = await AddReadyReportAsync();
            (EvidenceId, MemberId) = await AddEvidenceAndMemberAsync();
            MeetingId = await AddMeetingAsync();
        }

        /// <summary>A member of ART and an invoice scan of ART stored as the vault stores it.</summary>
        private async Task<(int Evidence, int Member)> AddEvidenceAndMemberAsync()
        {
            var bytes = "%PDF-1.4\n%facture\n"u8.ToArray();
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var path = _app.Services.GetRequiredService<EvidenceStore>().PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
            await using var db = await _app.CreateDbAsync();
            var art = await db.Territories.Where(t => t.Code == "ART").Select(t => t.Id).SingleAsync();
            var operation = await db.Operations.OrderBy(o => o.StartDate).Select(o => o.Id).FirstAsync();
            var member = new NetworkMember { FirstName = "Awa", LastName = "Matrice", TerritoryId = art, Role = MemberRole.Ctn, ActiveFrom = new DateOnly(2021, 9, 1) };
            var document = new EvidenceDocument
            {
                OperationId = operation, TerritoryId = art, Category = EvidenceCategory.Invoice, Sha256 = sha, OriginalName = "facture.pdf",
                Size = bytes.Length, ContentType = "application/pdf", RetentionUntil = new DateOnly(2026, 12, 31),
            };
            db.AddRange(member, document);
            await db.SaveChangesAsync();
            return (document.Id, member.Id);
        }

        /// <summary>An assembly of ART (ADR 031).</summary>
        private async Task<int> AddMeetingAsync()
        {
            await using var db = await _app.CreateDbAsync();
            var art = await db.Territories.Where(t => t.Code == "ART").Select(t => t.Id).SingleAsync();
            var meeting = new CscDashboard.Core.Governance.Meeting
            {
                Kind = CscDashboard.Core.Governance.MeetingKind.TerritorialAssembly, Title = "Assemblée de la matrice", Date = new DateOnly(2023, 3, 10),
                DurationMinutes = 120, TerritoryId = art,
            };
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            return meeting.Id;
        }

        /// <summary>A ready federation report whose PDF is on disk, as the report job leaves it.</summary>
        private async Task<int> AddReadyReportAsync()
        {
            await File.WriteAllBytesAsync(Path.Combine(_app.DataDirectory, "reports", "matrice.pdf"), "%PDF-1.4\n%matrice\n"u8.ToArray());
            await using var db = await _app.CreateDbAsync();
            var snapshot = new ReportSnapshot
            {
                Kind = ReportKind.QuarterlyCommittee, PeriodCode = "2023-Q1", Scope = "federation", RequestedBy = "matrice",
                PeriodStart = new DateOnly(2023, 1, 1), PeriodEnd = new DateOnly(2023, 3, 31), Status = ReportStatus.Ready, PdfPath = "matrice.pdf",
            };
            db.ReportSnapshots.Add(snapshot);
            await db.SaveChangesAsync();
            return snapshot.Id;
        }

        public async Task<HttpClient> ClientAsync(string caller)
        {
            var client = _app.CreateBrowserlikeClient();
            if (caller != Anonymous)
            {
                var signIn = await CscWebFactory.SignInAsync(client, _emails[caller]);
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }
            return client;
        }

        /// <summary>Every (pattern, method) the app routes, static files aside.</summary>
        public IReadOnlyList<(string Pattern, string Method)> Routes() =>
            _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && !e.RoutePattern.RawText!.StartsWith("/_", StringComparison.Ordinal))
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Pattern(e), m)))
                .Distinct().ToList();

        private static string Pattern(RouteEndpoint endpoint)
        {
            var raw = endpoint.RoutePattern.RawText!;
            return raw.StartsWith('/') ? raw : "/" + raw;
        }

        public async Task DisposeAsync() => await _app.DisposeAsync();
    }
}
