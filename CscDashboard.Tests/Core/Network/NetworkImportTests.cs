using System.Text;
using CscDashboard.Core.Common;
using CscDashboard.Core.Network;
using CscDashboard.Core.Network.Import;
using CscDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static CscDashboard.Tests.Core.Network.NetworkTestData;

namespace CscDashboard.Tests.Core.Network;

public sealed class NetworkImportTests
{
    private static MemoryStream Utf8(string text, bool bom = true) =>
        new(bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text));

    private const string GoodCentres =
        "Nom;Commune;Code postal;Adresse;Territoire;Statut;Date d'engagement;Centre d'accueil\r\n" +
        "Centre social Jean Jaurès;Arras;62000;1 rue de la Paix;ART;Engagé;01/10/2021;Oui\r\n" +
        "Maison de quartier;Lille;59000;\"12, rue \"\"des Postes\"\"\";Lille & Weppes;Candidat;;Non\r\n" +
        "\r\n" +
        "  Centre social du Faubourg  ;Lomme;59160;;LIL;engage;15/01/2022;\r\n";

    [Fact]
    public async Task A_good_semicolon_csv_with_bom_is_previewed_then_imported_with_every_row_counted()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("lead@test.csc", Roles.ProjectLead));
        var import = ctx.Get<NetworkImportService>();

        var preview = await import.PreviewAsync(Utf8(GoodCentres), "centres.csv", ImportKind.Centres);

        Assert.Empty(preview.Errors);
        Assert.True(preview.CanImport);
        Assert.Equal(3, preview.ValidCount);
        Assert.Equal([2, 3, 5], preview.Rows.Select(r => r.Line));
        Assert.Equal("12, rue \"des Postes\"", preview.Rows[1].Values[3]);
        Assert.Equal("Centre social du Faubourg", preview.Rows[2].Values[0]);
        await using (var db = ctx.CreateDb())
        {
            Assert.Equal(0, await db.Centres.CountAsync());
        }

        var written = await import.ImportAsync(Utf8(GoodCentres), "centres.csv", ImportKind.Centres);

        Assert.Equal(3, written);
        await using var check = ctx.CreateDb();
        var centres = await check.Centres.Include(c => c.Territory).OrderBy(c => c.Name).ToListAsync();
        Assert.Equal(["Centre social Jean Jaurès", "Centre social du Faubourg", "Maison de quartier"], centres.Select(c => c.Name));
        Assert.Equal(CentreStatus.Engaged, centres[1].Status);
        Assert.Equal(new DateOnly(2022, 1, 15), centres[1].EngagedOn);
        Assert.Equal("LIL", centres[2].Territory!.Code);
        Assert.True(centres[0].IsHostCentre);
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.Entity == nameof(SocialCentre) && a.Action == "Insert"));
    }

    [Fact]
    public async Task A_comma_separated_csv_without_bom_and_with_crlf_in_a_quoted_field_is_read()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var csv = "Nom,Type,Territoire,Contact,E-mail du contact,Membre du comité\n" +
                  "\"Mairie d'Arras, service jeunesse\",Commune,ART,Jeanne Martin,jeanne.martin@arras.fr,oui\n" +
                  "\"CAF\r\ndu Nord\",CAF,,,,\n" +
                  "Département du Pas-de-Calais,Département,,,,non\n";

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv, bom: false), "partenaires.CSV", ImportKind.Partners);

        // The quoted line break is read as part of the cell (one row on lines 3-4), and a name is one line (ADR 020).
        Assert.Equal([2, 3, 5], preview.Rows.Select(r => r.Line));
        Assert.Equal("Mairie d'Arras, service jeunesse", preview.Rows[0].Values[0]);
        var error = Assert.Single(preview.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("U+000D", error.Message);
        csv = csv.Replace("CAF\r\ndu Nord", "CAF du Nord", StringComparison.Ordinal);
        Assert.Equal(3, await ctx.Get<NetworkImportService>().ImportAsync(Utf8(csv, bom: false), "partenaires.csv", ImportKind.Partners));
        await using var db = ctx.CreateDb();
        Assert.Equal(2, await db.Partners.CountAsync(p => p.TerritoryId == null));
        Assert.True(await db.Partners.AnyAsync(p => p.Name == "Mairie d'Arras, service jeunesse" && p.IsCommitteeMember));
    }

    [Fact]
    public async Task A_good_xlsx_of_members_is_imported_with_typed_cells()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await AddCentreAsync(ctx, Centre(art, "Centre social Jean Jaurès", "Arras"));
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["Prénom"] = "Awa", ["Nom"] = "Diallo", ["E-mail"] = "awa.diallo@centre.fr", ["Téléphone"] = "06 12 34 56 78", ["Rôle"] = "CTN",
                ["Territoire"] = "ART", ["Centre"] = "centre social jean jaures", ["Affectation"] = "Pourcentage fixe", ["Pourcentage"] = 50.5,
                ["Coût annuel brut"] = 32000, ["Début"] = new DateTime(2021, 9, 1), ["Fin"] = null,
            },
            new()
            {
                ["Prénom"] = "Marc", ["Nom"] = "Leroy", ["E-mail"] = null, ["Téléphone"] = null, ["Rôle"] = "Médiateur numérique",
                ["Territoire"] = "Artois", ["Centre"] = null, ["Affectation"] = "Temps plein", ["Pourcentage"] = null,
                ["Coût annuel brut"] = "28 500,50", ["Début"] = "01/01/2022", ["Fin"] = "31/12/2023",
            },
        };
        using var file = new MemoryStream();
        file.SaveAs(rows, excelType: ExcelType.XLSX);
        var bytes = file.ToArray();

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(new MemoryStream(bytes), "membres.xlsx", ImportKind.Members);
        Assert.Empty(preview.Errors);
        Assert.Equal(2, preview.ValidCount);

        Assert.Equal(2, await ctx.Get<NetworkImportService>().ImportAsync(new MemoryStream(bytes), "membres.xlsx", ImportKind.Members));
        await using var db = ctx.CreateDb();
        var awa = await db.Members.Include(m => m.Centre).SingleAsync(m => m.FirstName == "Awa");
        Assert.Equal("Centre social Jean Jaurès", awa.Centre!.Name);
        Assert.Equal(50.5m, awa.AssignmentPercent);
        Assert.Equal(32000m, awa.AnnualGrossCost);
        Assert.Equal(new DateOnly(2021, 9, 1), awa.ActiveFrom);
        var marc = await db.Members.SingleAsync(m => m.FirstName == "Marc");
        Assert.Equal(MemberRole.Mediator, marc.Role);
        Assert.Equal(28500.50m, marc.AnnualGrossCost);
        Assert.Equal(new DateOnly(2023, 12, 31), marc.ActiveTo);
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_lists_every_error_with_its_line()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await AddCentreAsync(ctx, Centre(art, "Centre existant", "Arras"));
        var csv = string.Join("\n",
            "Nom;Commune;Code postal;Adresse;Territoire;Statut;Date d'engagement;Centre d'accueil", // 1
            "Centre A;Arras;62000;;ART;Engagé;01/10/2021;Non",                                     // 2 good
            "Centre B;Arras;62000;;XYZ;Candidat;;",                                                 // 3 unknown territory
            "Centre existant;ARRAS;62000;;ART;Candidat;;",                                          // 4 duplicate with the database
            "Centre A;Arras;62000;;ART;Candidat;;",                                                 // 5 duplicate of line 2
            "Centre C;Arras;620;;ART;Engagé;;peut-être",                                           // 6 postcode, engagement date, host flag
            "Centre D;Arras;62000;;ART;Engagé;31/02/2022;",                                         // 7 bad date
            ";;62000;;ART;Actif;;",                                                                 // 8 name, commune, status
            "Centre E;Arras;62000;;ART;;;");                                                        // 9 good
        var import = ctx.Get<NetworkImportService>();

        var preview = await import.PreviewAsync(Utf8(csv), "centres.csv", ImportKind.Centres);

        Assert.False(preview.CanImport);
        Assert.Equal(2, preview.ValidCount);
        var errors = preview.Errors.Select(e => $"{e.Line}: {e.Message}").ToList();
        Assert.Equal(
        [
            "3: « Territoire » : territoire inconnu « XYZ » : indiquez son code (FIA, ART, LIT, VAL, DOU, LLH, LIL, RTL, SAM, CAM) ou son nom exact.",
            "4: « Nom » : ce centre existe déjà dans l'annuaire (même nom et même commune).",
            "5: « Nom » : doublon de la ligne 2 (même nom et même commune).",
            "6: « Centre d'accueil » : valeur invalide « peut-être » (Oui ou Non).",
            "6: « Code postal » : le code postal doit compter exactement 5 chiffres.",
            "6: « Date d'engagement » : la date d'engagement est obligatoire pour un centre engagé.",
            "7: « Date d'engagement » : date invalide « 31/02/2022 » (format attendu : JJ/MM/AAAA).",
            "8: « Nom » : cette valeur est obligatoire.",
            "8: « Commune » : cette valeur est obligatoire.",
            "8: « Statut » : statut inconnu « Actif » (valeurs possibles : Candidat, Engagé, Retiré).",
        ], errors);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => import.ImportAsync(Utf8(csv), "centres.csv", ImportKind.Centres));
        Assert.Equal(["Ligne 3", "Ligne 4", "Ligne 5", "Ligne 6", "Ligne 7", "Ligne 8"], failure.Errors.Keys);
        await using var db = ctx.CreateDb();
        Assert.Equal(1, await db.Centres.CountAsync());
    }

    [Fact]
    public async Task Member_rows_report_malformed_emails_unknown_centres_and_duplicates()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var art = await ctx.TerritoryIdAsync("ART");
        await AddCentreAsync(ctx, Centre(art, "Centre social Jean Jaurès", "Arras"));
        await AddCentreAsync(ctx, Centre(await ctx.TerritoryIdAsync("LIL"), "Faubourg", "Lille"));
        var csv = string.Join("\r\n",
            "Prénom;Nom;E-mail;Rôle;Territoire;Centre;Affectation;Pourcentage;Début;Fin",
            "Awa;Diallo;awa.diallo@centre.fr;CTN;ART;Centre social Jean Jaurès;Pourcentage fixe;50;01/09/2021;",
            "Marc;Leroy;marc.leroy@centre;Bénévole;ART;;;;01/09/2021;",
            "Léa;Petit;AWA.DIALLO@centre.fr;CTN;ART;Faubourg;;;01/09/2021;",
            "Awa;Diallo;;Médiateur numérique;ART;;Pourcentage fixe;150;01/09/2021;01/01/2021",
            "Tom;Noir;;Stagiaire;ART;;Temps plein;;;");

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv), "membres.csv", ImportKind.Members);

        Assert.Equal(
        [
            "3: « E-mail » : l'adresse e-mail n'est pas valide (exemple : prenom.nom@centre-social.fr).",
            "4: « Centre » : aucun centre « Faubourg » dans le territoire « Artois ».",
            "4: « E-mail » : doublon de la ligne 2 (même adresse e-mail).",
            "5: « Pourcentage » : le pourcentage doit être compris entre 0 et 100.",
            "5: « Fin » : la date de fin ne peut pas précéder la date de début.",
            "5: « Nom » : doublon de la ligne 2 (même prénom, même nom et même territoire).",
            "6: « Début » : cette valeur est obligatoire.",
            "6: « Rôle » : rôle inconnu « Stagiaire » (valeurs possibles : Coordination territoriale, CTN, Médiateur numérique, Bénévole, Autre professionnel, Délégué(e) de territoire).",
        ], preview.Errors.Select(e => $"{e.Line}: {e.Message}"));
        Assert.Equal(1, preview.ValidCount);
    }

    [Theory]
    [InlineData("Nom;Commune;Adresse;Statut\nCentre;Arras;;Candidat", "1: Colonne « Code postal » manquante dans la ligne d'en-tête.|1: Colonne « Territoire » manquante dans la ligne d'en-tête.")]
    [InlineData("", "0: Le fichier est vide.")]
    [InlineData("Nom;Commune;Code postal;Territoire\n;;;\n", "1: Le fichier ne contient aucune ligne de données sous la ligne d'en-tête.")]
    [InlineData("Nom;Commune;Code postal;Territoire\n\"Centre;Arras;62000;ART", "0: Ligne 2 : un guillemet ouvert n'est jamais refermé.")]
    public async Task File_level_problems_are_reported_in_french(string csv, string expected)
    {
        await using var ctx = await CoreTestContext.CreateAsync();

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv), "centres.csv", ImportKind.Centres);

        Assert.Equal(expected.Split('|'), preview.Errors.Select(e => $"{e.Line}: {e.Message}"));
        Assert.False(preview.CanImport);
    }

    [Fact]
    public async Task Unknown_extensions_large_files_long_files_and_other_encodings_are_refused()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        var import = ctx.Get<NetworkImportService>();

        var xls = await import.PreviewAsync(Utf8(GoodCentres), "centres.xls", ImportKind.Centres);
        Assert.Contains("n'est pas pris en charge", xls.Errors.Single().Message);

        var big = new MemoryStream(new byte[NetworkImportService.MaxBytes + 1]);
        Assert.Equal(NetworkImportService.TooLargeMessage, (await import.PreviewAsync(big, "centres.csv", ImportKind.Centres)).Errors.Single().Message);

        var longFile = new StringBuilder("Nom;Commune;Code postal;Territoire\n");
        for (var i = 0; i <= NetworkImportService.MaxRows; i++)
        {
            longFile.Append("Centre ").Append(i).Append(";Arras;62000;ART\n");
        }
        Assert.Contains("dépasse 10 000 lignes", (await import.PreviewAsync(Utf8(longFile.ToString()), "centres.csv", ImportKind.Centres)).Errors.Single().Message);

        var latin1 = new MemoryStream(Encoding.Latin1.GetBytes("Nom;Commune;Code postal;Territoire\nCentre Jaurès;Arras;62000;ART\n"));
        Assert.Contains("UTF-8", (await import.PreviewAsync(latin1, "centres.csv", ImportKind.Centres)).Errors.Single().Message);

        var notXlsx = await import.PreviewAsync(Utf8("pas un classeur"), "centres.xlsx", ImportKind.Centres);
        Assert.Contains("n'a pas pu être lu", notXlsx.Errors.Single().Message);
    }

    [Fact]
    public async Task A_coordinator_imports_only_rows_of_their_territories()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var csv = "Nom;Commune;Code postal;Territoire\nCentre A;Arras;62000;ART\nCentre B;Lille;59000;LIL\n";

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv), "centres.csv", ImportKind.Centres);

        Assert.Equal("3: « Territoire » : le territoire « Lille & Weppes » ne vous est pas attribué : vous ne pouvez pas importer de ligne pour lui.",
            preview.Errors.Select(e => $"{e.Line}: {e.Message}").Single());
        await Assert.ThrowsAsync<ValidationFailedException>(() => ctx.Get<NetworkImportService>().ImportAsync(Utf8(csv), "centres.csv", ImportKind.Centres));
        await using var db = ctx.CreateDb();
        Assert.Equal(0, await db.Centres.CountAsync());
    }

    [Fact]
    public async Task A_coordinator_cannot_import_federation_wide_partners_and_the_committee_cannot_import()
    {
        await using var ctx = await CoreTestContext.CreateAsync();
        ctx.ActAs(await ctx.AddUserAsync("coord@test.csc", Roles.Coordinator, "ART"));
        var csv = "Nom;Type;Territoire\nRégion Hauts-de-France;Région;\n";

        var preview = await ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv), "partenaires.csv", ImportKind.Partners);
        Assert.Contains("seule la cheffe de projet", preview.Errors.Single().Message);
        Assert.Equal(2, preview.Errors.Single().Line);

        ctx.ActAs(await ctx.AddUserAsync("committee@test.csc", Roles.Committee));
        await Assert.ThrowsAsync<ScopeViolationException>(() => ctx.Get<NetworkImportService>().PreviewAsync(Utf8(csv), "partenaires.csv", ImportKind.Partners));
    }
}
