using CscDashboard.Core.Common;
using CscDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CscDashboard.Core.Network.Import;

/// <summary>A problem on one line of the file (line 1 is the header when it is the first line; 0 is the file itself).</summary>
public sealed record ImportError(int Line, string Message);

/// <summary>One data line as read, its values in the order of <see cref="ImportPreview.Columns"/>.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<string> Values, bool IsValid);

public sealed record ImportPreview(ImportKind Kind, string FileName, IReadOnlyList<string> Columns, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public int ValidCount => Rows.Count(r => r.IsValid);
    public bool CanImport => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Imports centres, members and partners from CSV or XLSX in two steps: <see cref="PreviewAsync"/> reads
/// and checks every line; <see cref="ImportAsync"/> checks again and writes all lines in one transaction,
/// or nothing if any line is wrong. Values are trimmed, never altered otherwise (the apostrophe the export
/// puts before a formula-like value is taken off, so that an export imports as it was).
/// A coordinator imports only lines of their own territories.
/// </summary>
public sealed class NetworkImportService(IDbContextFactory<AppDbContext> factory, ICurrentUserAccessor users)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    public static string TooLargeMessage => "Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers.";

    public async Task<ImportPreview> PreviewAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct = default) =>
        (await AnalyseAsync(stream, fileName, kind, ct)).Preview;

    /// <summary>Writes every line, or nothing: any error throws <see cref="ValidationFailedException"/> keyed "Ligne N" (or "Fichier").</summary>
    public async Task<int> ImportAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct = default)
    {
        var (preview, entities) = await AnalyseAsync(stream, fileName, kind, ct);
        if (preview.Errors.Count > 0)
        {
            throw new ValidationFailedException(preview.Errors
                .GroupBy(e => e.Line == 0 ? "Fichier" : $"Ligne {e.Line}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }
        if (entities.Count == 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["Fichier"] = ["Le fichier ne contient aucune ligne à importer."] });
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        // One SaveChanges: the audit interceptor wraps rows and audit entries in a single transaction.
        db.AddRange(entities);
        await db.SaveChangesAsync(ct);
        return entities.Count;
    }

    private async Task<(ImportPreview Preview, List<object> Entities)> AnalyseAsync(Stream stream, string fileName, ImportKind kind, CancellationToken ct)
    {
        var user = users.Current;
        NetworkAccess.EnsureCanWriteSomewhere(user);
        if (kind == ImportKind.Members)
        {
            NetworkAccess.EnsureCanReadMembers(user);
        }
        var columns = NetworkColumns.Headers(kind);
        ImportPreview Failed(int line, string message) => new(kind, fileName, columns, [], [new ImportError(line, message)]);

        IReadOnlyList<TabularLine> lines;
        try
        {
            var content = await ReadLimitedAsync(stream, ct) ?? throw new ImportFileException(TooLargeMessage);
            lines = TabularReader.Read(content, fileName, MaxRows);
        }
        catch (ImportFileException e)
        {
            return (Failed(0, e.Message), []);
        }

        var header = lines.FirstOrDefault(l => !l.IsBlank);
        if (header is null)
        {
            return (Failed(0, "Le fichier est vide."), []);
        }
        var positions = new Dictionary<string, int>();
        var errors = new List<ImportError>();
        foreach (var spec in NetworkColumns.For(kind))
        {
            var wanted = NetworkLabels.Fold(spec.Header);
            var position = -1;
            for (var i = 0; i < header.Cells.Count && position < 0; i++)
            {
                if (NetworkLabels.Fold(header.Cells[i]) == wanted)
                {
                    position = i;
                }
            }
            if (position >= 0)
            {
                positions[spec.Header] = position;
            }
            else if (spec.ColumnRequired)
            {
                errors.Add(new ImportError(header.Number, $"Colonne « {spec.Header} » manquante dans la ligne d'en-tête."));
            }
        }
        if (errors.Count > 0)
        {
            return (new ImportPreview(kind, fileName, columns, [], errors), []);
        }
        var data = lines.Where(l => l.Number > header.Number && !l.IsBlank)
            .Select(l => new RowReader(l.Number, columns.Select(h => Cell(l, positions, h)).ToArray(), columns))
            .ToList();
        if (data.Count == 0)
        {
            return (Failed(header.Number, "Le fichier ne contient aucune ligne de données sous la ligne d'en-tête."), []);
        }
        if (data.Count > MaxRows)
        {
            return (Failed(0, TabularReader.TooManyRowsMessage(MaxRows)), []);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var territories = new TerritoryLookup(await db.Territories.AsNoTracking().Select(t => new TerritoryRef(t.Id, t.Code, t.Name)).ToListAsync(ct), user);
        foreach (var spec in NetworkColumns.For(kind).Where(s => s.ValueRequired))
        {
            foreach (var row in data.Where(r => r[spec.Header].Length == 0))
            {
                row.Error(spec.Header, "cette valeur est obligatoire.");
            }
        }
        var entities = kind switch
        {
            ImportKind.Centres => await CentresAsync(db, data, territories, ct),
            ImportKind.Members => await MembersAsync(db, data, territories, ct),
            _ => await PartnersAsync(db, data, territories, user, ct),
        };
        var rows = data.Select(r => new ImportRow(r.Line, r.Values, r.Errors.Count == 0)).ToList();
        var allErrors = data.SelectMany(r => r.Errors.Select(e => new ImportError(r.Line, e))).ToList();
        return (new ImportPreview(kind, fileName, columns, rows, allErrors), entities);
    }

    private static async Task<List<object>> CentresAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CancellationToken ct)
    {
        var existing = (await db.Centres.AsNoTracking().Select(c => new { c.Name, c.Commune }).ToListAsync(ct))
            .Select(c => DuplicateKeys.Centre(c.Name, c.Commune)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            var input = new CentreInput
            {
                Name = row[NetworkColumns.Name],
                Commune = row[NetworkColumns.Commune],
                Postcode = row[NetworkColumns.Postcode],
                Address = row[NetworkColumns.Address],
                TerritoryId = territories.Resolve(row, NetworkColumns.Territory) ?? 0,
                Status = row.Enum(NetworkColumns.Status, CentreStatus.Candidate, "statut"),
                CandidateSince = row.Date(NetworkColumns.CandidateSince),
                EngagedOn = row.Date(NetworkColumns.EngagedOn),
                WithdrawnOn = row.Date(NetworkColumns.WithdrawnOn),
                IsHostCentre = row.Bool(NetworkColumns.HostCentre),
            };
            row.AddRuleErrors(ImportKind.Centres, NetworkRules.Validate(input));
            if (input.Name.Length > 0 && input.Commune.Length > 0)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Centre(input.Name, input.Commune), seen, existing,
                    "même nom et même commune", "ce centre existe déjà dans l'annuaire (même nom et même commune).");
            }
            if (row.Errors.Count == 0)
            {
                var centre = new SocialCentre { Name = "", Commune = "", Postcode = "" };
                CentreService.Apply(input, centre);
                entities.Add(centre);
            }
        }
        return entities;
    }

    private static async Task<List<object>> MembersAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CancellationToken ct)
    {
        var centres = (await db.Centres.AsNoTracking().Select(c => new { c.Id, c.Name, c.TerritoryId, Archived = c.ArchivedAt != null }).ToListAsync(ct))
            .GroupBy(c => (c.TerritoryId, Name: NetworkLabels.Fold(c.Name)))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Archived).Select(c => c.Id).ToList());
        var people = await db.Members.AsNoTracking().Select(m => new { m.FirstName, m.LastName, m.TerritoryId, m.Email }).ToListAsync(ct);
        var existing = people.Select(m => DuplicateKeys.Member(m.FirstName, m.LastName, m.TerritoryId)).ToHashSet();
        var existingEmails = people.Where(m => m.Email is not null).Select(m => DuplicateKeys.Email(m.Email)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var seenEmails = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            var territoryId = territories.Resolve(row, NetworkColumns.Territory);
            int? centreId = null;
            var centreName = row[NetworkColumns.Centre];
            if (centreName.Length > 0 && territoryId is { } tid)
            {
                if (centres.TryGetValue((tid, NetworkLabels.Fold(centreName)), out var ids) && ids.Count == 1)
                {
                    centreId = ids[0];
                }
                else if (ids is { Count: > 1 })
                {
                    row.Error(NetworkColumns.Centre, $"plusieurs centres s'appellent « {centreName} » dans ce territoire : renommez-les pour les distinguer.");
                }
                else
                {
                    row.Error(NetworkColumns.Centre, $"aucun centre « {centreName} » dans le territoire « {territories.NameOf(tid)} ».");
                }
            }
            var input = new MemberInput
            {
                FirstName = row[NetworkColumns.FirstName],
                LastName = row[NetworkColumns.Name],
                Email = row[NetworkColumns.Email],
                Phone = row[NetworkColumns.Phone],
                Role = row.Enum(NetworkColumns.Role, MemberRole.OtherProfessional, "rôle"),
                TerritoryId = territoryId ?? 0,
                CentreId = centreId,
                Assignment = row.Enum(NetworkColumns.Assignment, Assignment.None, "type d'affectation"),
                AssignmentPercent = row.Number(NetworkColumns.Percent),
                AnnualGrossCost = row.Number(NetworkColumns.AnnualGrossCost),
                ActiveFrom = row.Date(NetworkColumns.ActiveFrom) ?? default,
                ActiveTo = row.Date(NetworkColumns.ActiveTo),
            };
            row.AddRuleErrors(ImportKind.Members, NetworkRules.Validate(input));
            if (input.FirstName.Length > 0 && input.LastName.Length > 0 && territoryId is not null)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Member(input.FirstName, input.LastName, input.TerritoryId), seen, existing,
                    "même prénom, même nom et même territoire", "cette personne existe déjà dans l'annuaire de ce territoire.");
            }
            if (input.Email is { Length: > 0 } email)
            {
                row.CheckDuplicate(NetworkColumns.Email, DuplicateKeys.Email(email), seenEmails, existingEmails,
                    "même adresse e-mail", "cette adresse e-mail est déjà celle d'un membre du réseau.");
            }
            if (row.Errors.Count == 0)
            {
                var member = new NetworkMember { FirstName = "", LastName = "" };
                MemberService.Apply(input, member);
                entities.Add(member);
            }
        }
        return entities;
    }

    private static async Task<List<object>> PartnersAsync(AppDbContext db, List<RowReader> data, TerritoryLookup territories, CurrentUser user, CancellationToken ct)
    {
        var existing = (await db.Partners.AsNoTracking().Select(p => new { p.Name, p.TerritoryId }).ToListAsync(ct))
            .Select(p => DuplicateKeys.Partner(p.Name, p.TerritoryId)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var entities = new List<object>();
        foreach (var row in data)
        {
            // An empty territory means the whole federation.
            var territoryId = row[NetworkColumns.Territory].Length == 0 ? null : territories.Resolve(row, NetworkColumns.Territory);
            var input = new PartnerInput
            {
                Name = row[NetworkColumns.Name],
                Kind = row.Enum(NetworkColumns.Kind, PartnerKind.Other, "type de partenaire"),
                TerritoryId = territoryId,
                ContactName = row[NetworkColumns.ContactName],
                ContactEmail = row[NetworkColumns.ContactEmail],
                ContactPhone = row[NetworkColumns.ContactPhone],
                IsCommitteeMember = row.Bool(NetworkColumns.CommitteeMember),
            };
            if (row[NetworkColumns.Territory].Length > 0 && territoryId is null)
            {
                // Unknown territory: already reported; skip the federation-wide rule, which would be misleading.
                input.TerritoryId = -1;
            }
            row.AddRuleErrors(ImportKind.Partners, NetworkRules.Validate(input, user));
            if (input.Name.Length > 0)
            {
                row.CheckDuplicate(NetworkColumns.Name, DuplicateKeys.Partner(input.Name, input.TerritoryId), seen, existing,
                    "même nom et même territoire", "ce partenaire existe déjà dans l'annuaire (même nom et même territoire).");
            }
            if (row.Errors.Count == 0)
            {
                var partner = new Partner { Name = "" };
                PartnerService.Apply(input, partner);
                entities.Add(partner);
            }
        }
        return entities;
    }

    private static string Cell(TabularLine line, Dictionary<string, int> positions, string header) =>
        positions.TryGetValue(header, out var i) && i < line.Cells.Count ? TabularWriter.Unneutralise(line.Cells[i].Trim()) : "";

    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return null;
            }
        }
        return buffer.ToArray();
    }

    private sealed record TerritoryRef(int Id, string Code, string Name);

    /// <summary>A territory given by its code (FIA, ART…) or its exact name, and whether the caller may write there.</summary>
    private sealed class TerritoryLookup(IReadOnlyList<TerritoryRef> territories, CurrentUser user)
    {
        public string NameOf(int id) => territories.FirstOrDefault(t => t.Id == id)?.Name ?? "?";

        public int? Resolve(RowReader row, string column)
        {
            var text = row[column];
            if (text.Length == 0)
            {
                return null;
            }
            var key = NetworkLabels.Fold(text);
            var territory = territories.FirstOrDefault(t => NetworkLabels.Fold(t.Code) == key)
                ?? territories.FirstOrDefault(t => NetworkLabels.Fold(t.Name) == key);
            if (territory is null)
            {
                row.Error(column, $"territoire inconnu « {text} » : indiquez son code ({string.Join(", ", territories.Select(t => t.Code))}) ou son nom exact.");
                return null;
            }
            if (!user.CanWriteTerritory(territory.Id))
            {
                row.Error(column, $"le territoire « {territory.Name} » ne vous est pas attribué : vous ne pouvez pas importer de ligne pour lui.");
            }
            return territory.Id;
        }
    }

    /// <summary>One data line: its cells by header, and its errors (the first per column, so that one mistake gives one message).</summary>
    private sealed class RowReader(int line, string[] values, IReadOnlyList<string> columns)
    {
        private readonly HashSet<string> _columnsInError = [];

        public int Line { get; } = line;
        public string[] Values { get; } = values;
        public List<string> Errors { get; } = [];

        public string this[string header] => Values[IndexOf(header)];

        private int IndexOf(string header)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == header)
                {
                    return i;
                }
            }
            throw new ArgumentOutOfRangeException(nameof(header), header, null);
        }

        public void Error(string column, string message)
        {
            if (_columnsInError.Add(column))
            {
                Errors.Add($"« {column} » : {message}");
            }
        }

        public void AddRuleErrors(ImportKind kind, FieldErrors errors)
        {
            foreach (var (field, messages) in errors.All)
            {
                Error(NetworkColumns.ColumnOfField(kind, field), Lower(messages[0]));
            }
        }

        public T Enum<T>(string column, T fallback, string what) where T : struct, System.Enum
        {
            var text = this[column];
            if (text.Length == 0)
            {
                return fallback;
            }
            if (NetworkLabels.TryParse<T>(text, out var value))
            {
                return value;
            }
            Error(column, $"{what} inconnu « {text} » (valeurs possibles : {NetworkLabels.Choices<T>()}).");
            return fallback;
        }

        public DateOnly? Date(string column)
        {
            if (CellFormat.TryDate(this[column], out var date))
            {
                return date;
            }
            Error(column, $"date invalide « {this[column]} » (format attendu : JJ/MM/AAAA).");
            return null;
        }

        public bool Bool(string column)
        {
            if (CellFormat.TryBool(this[column], out var value))
            {
                return value;
            }
            Error(column, $"valeur invalide « {this[column]} » (Oui ou Non).");
            return false;
        }

        public decimal? Number(string column)
        {
            if (CellFormat.TryNumber(this[column], out var value))
            {
                return value;
            }
            Error(column, $"nombre invalide « {this[column]} ».");
            return null;
        }

        public void CheckDuplicate(string column, string key, Dictionary<string, int> seen, HashSet<string> existing, string sameWhat, string existsMessage)
        {
            if (seen.TryGetValue(key, out var firstLine))
            {
                Error(column, $"doublon de la ligne {firstLine} ({sameWhat}).");
            }
            else
            {
                seen[key] = Line;
                if (existing.Contains(key))
                {
                    Error(column, existsMessage);
                }
            }
        }

        private static string Lower(string message) =>
            message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }
}
