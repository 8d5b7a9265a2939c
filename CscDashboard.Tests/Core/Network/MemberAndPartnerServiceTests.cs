using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.Network.NetworkTestData;

namespace CscDashboard.Tests.Core.Network;

public sealed class MemberServiceTests
{
    [Fact]
    public async Task A_coordinator_adds_a_member_to_a_centre_of_their_territory()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var centre = await AddCentreAsync(ctx, Centre(art));
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));

        var id = await ctx.Get<MemberService>().CreateAsync(Member(art, centre));

        var row = (await ctx.Get<MemberService>().ListAsync(new MemberFilter(CentreId: centre), new PageRequest())).Items.Single();
        Assert.Equal(id, row.Id);
        Assert.Equal("Centre social Jean Jaurès", row.CentreName);
        Assert.Equal(50m, row.AssignmentPercent);
    }

    public static TheoryData<Func<MemberInput, MemberInput>, string, string> InvalidMembers => new()
    {
        { m => m with { FirstName = " " }, nameof(MemberInput.FirstName), "Le prénom est obligatoire." },
        { m => m with { LastName = "" }, nameof(MemberInput.LastName), "Le nom est obligatoire." },
        { m => m with { Email = "awa.diallo@centre" }, nameof(MemberInput.Email), "L'adresse e-mail n'est pas valide (exemple : prenom.nom@centre-social.fr)." },
        { m => m with { Email = "awa diallo@centre.fr" }, nameof(MemberInput.Email), "L'adresse e-mail n'est pas valide (exemple : prenom.nom@centre-social.fr)." },
        { m => m with { AssignmentPercent = null }, nameof(MemberInput.AssignmentPercent), "Le pourcentage est obligatoire pour une affectation à pourcentage fixe." },
        { m => m with { AssignmentPercent = 120 }, nameof(MemberInput.AssignmentPercent), "Le pourcentage doit être compris entre 0 et 100." },
        { m => m with { AssignmentPercent = -1 }, nameof(MemberInput.AssignmentPercent), "Le pourcentage doit être compris entre 0 et 100." },
        { m => m with { ActiveFrom = default }, nameof(MemberInput.ActiveFrom), "La date de début est obligatoire." },
        { m => m with { ActiveTo = new DateOnly(2021, 8, 31) }, nameof(MemberInput.ActiveTo), "La date de fin ne peut pas précéder la date de début." },
        { m => m with { AnnualGrossCost = -5 }, nameof(MemberInput.AnnualGrossCost), "Le coût annuel brut doit être compris entre 0 et 1 000 000 €." },
    };

    [Theory]
    [MemberData(nameof(InvalidMembers))]
    public async Task Each_member_rule_has_a_french_message_and_nothing_is_written(Func<MemberInput, MemberInput> change, string field, string message)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<MemberService>().CreateAsync(change(Member(art))));

        Assert.Equal(message, failure.Errors[field].Single());
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Members.CountAsync());
    }

    [Fact]
    public async Task The_members_centre_must_be_in_the_members_territory()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var lilleCentre = await AddCentreAsync(ctx, Centre(await ctx.TerritoryIdAsync("LIL"), "Faubourg", "Lille"));

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<MemberService>().CreateAsync(Member(art, lilleCentre)));

        Assert.Equal("Le centre doit se trouver dans le territoire du membre.", failure.Errors[nameof(MemberInput.CentreId)].Single());
    }

    [Fact]
    public async Task A_percentage_is_kept_only_for_a_fixed_percent_assignment_and_may_be_zero_to_a_hundred()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var service = ctx.Get<MemberService>();

        var full = await service.CreateAsync(Member(art, first: "Plein") with { Assignment = Assignment.FullTime, AssignmentPercent = 80 });
        var hundred = await service.CreateAsync(Member(art, first: "Cent") with { AssignmentPercent = 100 });

        Assert.Null((await service.GetAsync(full)).Input.AssignmentPercent);
        Assert.Equal(100m, (await service.GetAsync(hundred)).Input.AssignmentPercent);
    }

    [Fact]
    public async Task The_committee_is_refused_member_lists_details_and_exports()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var id = await ctx.Get<MemberService>().CreateAsync(Member(art));
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));

        var refused = await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<MemberService>().ListAsync(new MemberFilter(), new PageRequest()));
        Assert.Contains("comité partenarial", refused.Message);
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<MemberService>().GetAsync(id));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<NetworkExportService>().ExportMembersAsync(new MemberFilter(), ExportFormat.Csv));
    }

    [Fact]
    public async Task A_coordinator_cannot_write_members_of_another_territory_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        var existing = await ctx.Get<MemberService>().CreateAsync(Member(lil));
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<MemberService>();

        await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(Member(lil, first: "Autre")));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(existing, Member(lil) with { Version = 1, Phone = "0600000000" }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.SetArchivedAsync(existing, true));

        await using var db = ctx.CreateDb();
        var stored = await db.Members.SingleAsync();
        Assert.Null(stored.Phone);
        Assert.Null(stored.ArchivedAt);
    }

    [Fact]
    public async Task A_coordinator_reads_another_territorys_member_without_their_employment_cost()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var lil = await ctx.TerritoryIdAsync("LIL");
        var id = await ctx.Get<MemberService>().CreateAsync(Member(lil) with { AnnualGrossCost = 31_000m });

        ctx.ActAs(await ctx.AddUserAsync("coord-lil@test.csc", Roles.Coordinator, "LIL"));
        Assert.Equal(31_000m, (await ctx.Get<MemberService>().GetAsync(id)).Input.AnnualGrossCost);

        ctx.ActAs(await ctx.AddUserAsync("coord-art@test.csc", Roles.Coordinator, "ART"));
        var detail = await ctx.Get<MemberService>().GetAsync(id);
        Assert.Equal(("Awa", null), (detail.Input.FirstName, detail.Input.AnnualGrossCost));
    }

    [Fact]
    public async Task Archive_restore_and_a_stale_version_on_members()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        var service = ctx.Get<MemberService>();
        var id = await service.CreateAsync(Member(art));
        var form = (await service.GetAsync(id)).Input;

        await service.SetArchivedAsync(id, true);
        Assert.Equal(0, (await service.ListAsync(new MemberFilter(), new PageRequest())).TotalCount);
        await service.SetArchivedAsync(id, false);
        Assert.Equal(1, (await service.ListAsync(new MemberFilter(), new PageRequest())).TotalCount);

        // The archive and the restore each bumped the version: the form loaded before is stale.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(id, form with { Phone = "0600000000" }));
    }
}

public sealed class PartnerServiceTests
{
    [Fact]
    public async Task Only_the_project_lead_records_a_federation_wide_partner()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<PartnerService>().CreateAsync(Partner(null, "Région Hauts-de-France")));
        Assert.Contains("Seule la cheffe de projet", failure.Errors[nameof(PartnerInput.TerritoryId)].Single());

        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var id = await ctx.Get<PartnerService>().CreateAsync(Partner(null, "Région Hauts-de-France") with { Kind = PartnerKind.Region });

        var federation = await ctx.Get<PartnerService>().ListAsync(new PartnerFilter(TerritoryCode: PartnerService.FederationCode), new PageRequest());
        Assert.Equal(id, federation.Items.Single().Id);
        Assert.Null(federation.Items.Single().TerritoryName);
    }

    [Fact]
    public async Task A_coordinator_cannot_edit_a_federation_wide_partner()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var id = await ctx.Get<PartnerService>().CreateAsync(Partner(null, "CAF du Nord") with { Kind = PartnerKind.Caf });
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var input = (await ctx.Get<PartnerService>().GetAsync(id)).Input;

        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<PartnerService>().UpdateAsync(id, input with { TerritoryId = art }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<PartnerService>().SetArchivedAsync(id, true));
    }

    [Theory]
    [InlineData("", "jeanne@arras.fr", nameof(PartnerInput.Name), "Le nom du partenaire est obligatoire.")]
    [InlineData("Mairie", "jeanne@@arras.fr", nameof(PartnerInput.ContactEmail), "L'adresse e-mail n'est pas valide (exemple : prenom.nom@centre-social.fr).")]
    public async Task Partner_rules_have_french_messages(string name, string email, string field, string message)
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            ctx.Get<PartnerService>().CreateAsync(Partner(art) with { Name = name, ContactEmail = email }));

        Assert.Equal(message, failure.Errors[field].Single());
    }

    [Fact]
    public async Task The_committee_sees_partner_organisations_without_their_contacts()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await ctx.Get<PartnerService>().CreateAsync(Partner(art) with { IsCommitteeMember = true });
        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));

        var row = (await ctx.Get<PartnerService>().ListAsync(new PartnerFilter(CommitteeMember: true), new PageRequest())).Items.Single();

        Assert.Equal("Mairie d'Arras", row.Name);
        Assert.Null(row.ContactName);
        Assert.Null(row.ContactEmail);
    }

    [Fact]
    public async Task Partners_archive_restore_and_refuse_a_stale_edit()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<PartnerService>();
        var id = await service.CreateAsync(Partner(art));
        var stale = (await service.GetAsync(id)).Input;
        await service.UpdateAsync(id, stale with { ContactPhone = "0321000000" });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(id, stale with { ContactPhone = "0321999999" }));
        await service.SetArchivedAsync(id, true);
        Assert.Equal(0, (await service.ListAsync(new PartnerFilter(), new PageRequest())).TotalCount);
        await service.SetArchivedAsync(id, false);
        Assert.Equal("0321000000", (await service.ListAsync(new PartnerFilter(), new PageRequest())).Items.Single().ContactPhone);
    }
}
