using CscDashboard.Core.Common;
using CscDashboard.Core.Workstreams;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CscDashboard.Tests.Core.Workstreams.WorkstreamTestData;

namespace CscDashboard.Tests.Core.Workstreams;

public sealed class WatchItemTests
{
    [Fact]
    public async Task Bad_input_gets_french_messages_per_field_and_nothing_is_written()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws = await WorkstreamIdAsync(ctx, 1);
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<WatchItemService>();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(ws, new WatchItemInput
        {
            Title = "  ",
            Url = "www.caf.fr",
            Summary = new string('x', 4001),
            Tags = "parentalité, " + new string('t', 41),
            Date = Today.AddDays(2),
        }));

        Assert.Equal(["Le titre est obligatoire."], failure.Errors[nameof(WatchItemInput.Title)]);
        Assert.StartsWith("Le lien doit être une adresse web complète commençant par http:// ou https://", Assert.Single(failure.Errors[nameof(WatchItemInput.Url)]));
        Assert.Equal(["Le résumé ne doit pas dépasser 4000 caractères."], failure.Errors[nameof(WatchItemInput.Summary)]);
        Assert.Equal([$"Chaque mot-clé doit faire au plus 40 caractères : « {new string('t', 41)} » est trop long."], failure.Errors[nameof(WatchItemInput.Tags)]);
        Assert.Equal(["La date ne peut pas être postérieure à demain."], failure.Errors[nameof(WatchItemInput.Date)]);
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.WatchItems.CountAsync());
    }

    [Theory]
    [InlineData("https://www.caf.fr/", true)]
    [InlineData("http://intranet.federation/veille?id=3", true)]
    [InlineData("ftp://files.example.org/doc.pdf", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/relative/path", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://", false)]
    public void Only_absolute_web_addresses_are_links(string url, bool valid)
    {
        var errors = WorkstreamRules.Validate(Watch() with { Url = url }, Today);

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void Title_and_date_limits()
    {
        Assert.Equal(0, WorkstreamRules.Validate(Watch(new string('a', 200)) with { Date = Today.AddDays(1), Url = null }, Today).Count);
        var errors = WorkstreamRules.Validate(Watch(new string('a', 201)) with { Date = null }, Today).All.ToDictionary(e => e.Key, e => e.Value);
        Assert.Equal(["Le titre ne doit pas dépasser 200 caractères."], errors[nameof(WatchItemInput.Title)]);
        Assert.Equal(["La date est obligatoire."], errors[nameof(WatchItemInput.Date)]);
    }

    [Fact]
    public async Task Tags_are_trimmed_deduplicated_and_the_author_is_the_caller()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws = await WorkstreamIdAsync(ctx, 2);
        var coordinator = await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART");
        ctx.ActAs(coordinator);
        var service = ctx.Get<WatchItemService>();

        var id = await service.CreateAsync(ws, Watch("  Repères écrans  ", " écrans ,Parentalité,, parentalité ,  jeunes enfants") with { Url = "  " });

        await using var db = ctx.CreateDb();
        var stored = await db.WatchItems.SingleAsync(w => w.Id == id);
        Assert.Equal(("Repères écrans", "écrans,Parentalité,jeunes enfants", null, coordinator.UserId), (stored.Title, stored.Tags, stored.Url, stored.AuthorId));
        var row = Assert.Single((await service.ListAsync(ws, new WatchItemFilter(), new PageRequest())).Items);
        Assert.Equal(["écrans", "Parentalité", "jeunes enfants"], row.Tags);
        Assert.Equal("coord", row.AuthorName);
        Assert.True(row.CanEdit);
        Assert.Equal("écrans, Parentalité, jeunes enfants", WatchItemService.ToInput(row).Tags);
    }

    [Fact]
    public async Task Search_matches_title_summary_and_tags_ignoring_ascii_case_and_the_tag_filter_matches_whole_tags()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws1 = await WorkstreamIdAsync(ctx, 1);
        var ws2 = await WorkstreamIdAsync(ctx, 2);
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var service = ctx.Get<WatchItemService>();
        await service.CreateAsync(ws1, Watch("Aidants Connect", "aidants, démarches") with { Summary = "Habiliter les accueillants.", Date = Today.AddDays(-3) });
        await service.CreateAsync(ws1, Watch("Baromètre du numérique", "usages, statistiques") with { Summary = "Chiffres CAF et INSEE.", Date = Today.AddDays(-2) });
        await service.CreateAsync(ws1, Watch("Remise 100% en ligne", "démarches en ligne") with { Summary = null, Date = Today.AddDays(-1) });
        await service.CreateAsync(ws2, Watch("Parentalité et numérique", "démarches") with { Summary = "Ressources CAF." });

        async Task<string[]> Titles(string? search = null, string? tag = null) =>
            (await service.ListAsync(ws1, new WatchItemFilter(search, tag), new PageRequest())).Items.Select(i => i.Title).ToArray();

        // Newest first, and only the workstream's own items.
        Assert.Equal(["Remise 100% en ligne", "Baromètre du numérique", "Aidants Connect"], await Titles());
        Assert.Equal(["Aidants Connect"], await Titles("AIDANTS"));
        Assert.Equal(["Baromètre du numérique"], await Titles("caf"));
        Assert.Equal(["Baromètre du numérique"], await Titles("Statistiques"));
        Assert.Equal(["Remise 100% en ligne", "Aidants Connect"], await Titles("démarches"));
        // Wildcards typed by the user are literal characters.
        Assert.Equal(["Remise 100% en ligne"], await Titles("100%"));
        Assert.Empty(await Titles("_"));
        // The tag filter matches one whole tag, not a part of another.
        Assert.Equal(["Aidants Connect"], await Titles(tag: "démarches"));
        Assert.Equal(["Remise 100% en ligne"], await Titles(tag: "démarches en ligne"));
        Assert.Equal(["Baromètre du numérique"], await Titles(tag: "USAGES"));
        Assert.Equal(["Aidants Connect"], await Titles("habiliter", "aidants"));

        var page = await service.ListAsync(ws1, new WatchItemFilter(), new PageRequest(1, 2));
        Assert.Equal((3, "Aidants Connect"), (page.TotalCount, Assert.Single(page.Items).Title));
        Assert.Equal(["aidants", "démarches", "démarches en ligne", "statistiques", "usages"], await service.ListTagsAsync(ws1));
    }

    [Fact]
    public async Task Any_coordinator_adds_but_only_the_author_co_animators_and_the_project_lead_edit_or_delete()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var ws = await WorkstreamIdAsync(ctx, 1);
        var author = await ctx.AddUserAsync("author@test.csc", Roles.Coordinator, "ART");
        var coAnimator = await ctx.AddUserAsync("co@test.csc", Roles.Coordinator, "VAL");
        var other = await ctx.AddUserAsync("other@test.csc", Roles.Coordinator, "LIL");
        var lead = await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead);
        var committee = await ctx.AddUserAsync("committee@test.csc", Roles.Committee);
        await AddCoAnimatorAsync(ctx, ws, coAnimator.UserId!);
        var service = ctx.Get<WatchItemService>();
        ctx.ActAs(author);
        var id = await service.CreateAsync(ws, Watch());

        ctx.ActAs(other);
        Assert.False(Assert.Single((await service.ListAsync(ws, new WatchItemFilter(), new PageRequest())).Items).CanEdit);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.UpdateAsync(id, Watch("Piraté") with { Version = 1 }));
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.DeleteAsync(id, 1));
        await service.CreateAsync(ws, Watch("Ajout d'un autre territoire"));

        ctx.ActAs(committee);
        await Assert.ThrowsAsync<ScopeViolationException>(() => service.CreateAsync(ws, Watch()));

        ctx.ActAs(coAnimator);
        var version = await service.UpdateAsync(id, Watch("Corrigé par la co-animatrice") with { Version = 1 });
        Assert.Equal(2, version);

        ctx.ActAs(lead);
        // A stale version is refused and nothing is overwritten.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => service.UpdateAsync(id, Watch("Version périmée") with { Version = 1 }));
        await service.DeleteAsync(id, version);

        await using var db = ctx.CreateDb();
        Assert.Equal(["Ajout d'un autre territoire"], await db.WatchItems.Select(w => w.Title).ToListAsync());
        Assert.Contains("Delete", await db.AuditEntries.Where(a => a.Entity == "WatchItem").Select(a => a.Action).ToListAsync());
    }
}
