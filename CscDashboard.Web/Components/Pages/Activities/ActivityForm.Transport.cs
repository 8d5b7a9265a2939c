using CscDashboard.Core.Activities;
using Microsoft.JSInterop;

namespace CscDashboard.Web.Components.Pages.Activities;

/// <summary>
/// A save is all or nothing (ADR 020). A text field sends its value to the circuit when it changes; if
/// that message is lost (the connection dropped, a value too large for the circuit, then a reconnection),
/// the server would save the older value while the browser shows the new one. Before saving, the form
/// asks the browser for the length and a hash of each text field as displayed (a few bytes, whatever the
/// text) and refuses to save when one differs from what the server holds.
/// </summary>
public partial class ActivityForm
{
    public const string TitleInputId = "activity-title";
    public const string NotesInputId = "activity-notes";
    public const string FollowUpInputId = "activity-follow-up";

    public const string LostTextMessage =
        "Ce texte n'est pas parvenu entier au serveur (connexion interrompue ou texte trop long) : rien n'a été enregistré. "
        + "Vérifiez-le, raccourcissez-le au besoin, puis enregistrez à nouveau.";

    public const string NoCheckMessage =
        "La connexion avec le serveur est interrompue : rien n'a été enregistré. Attendez son rétablissement puis enregistrez à nouveau.";

    /// <summary>The browser's side of the check: <c>wwwroot/forms.js</c>.</summary>
    public const string DigestFunction = "cscForms.digests";

    /// <summary>Length and FNV-1a hash (32 bits, over UTF-16 code units) of a field's text; the browser computes the same.</summary>
    public sealed record FieldDigest(int Length, uint Hash)
    {
        public static FieldDigest Of(string? text)
        {
            var value = text ?? "";
            var hash = 2166136261u;
            foreach (var c in value)
            {
                hash = unchecked((hash ^ c) * 16777619u);
            }
            return new FieldDigest(value.Length, hash);
        }
    }

    private (string Field, string InputId, Func<string?> Value)[] TextFields =>
    [
        (nameof(ActivityInput.Title), TitleInputId, () => Model.Title),
        (nameof(ActivityInput.Notes), NotesInputId, () => Model.Notes),
        (nameof(ActivityInput.FollowUp), FollowUpInputId, () => Model.FollowUp),
    ];

    /// <summary>The fields whose text the server did not receive, with their message; null when everything arrived.</summary>
    private async Task<Dictionary<string, string[]>?> LostTextAsync()
    {
        var fields = TextFields;
        FieldDigest?[]? digests;
        try
        {
            // One argument, the array of ids (passed alone, a string[] would become the params array itself).
            object[] args = [fields.Select(f => f.InputId).ToArray()];
            digests = await JS.InvokeAsync<FieldDigest?[]?>(DigestFunction, args);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            _transportError = NoCheckMessage;
            return new Dictionary<string, string[]> { [""] = [] }; // the alert only, no field to mark
        }
        // No answer at all only happens without a browser (component tests in loose mode).
        if (digests is null)
        {
            return null;
        }
        var lost = new Dictionary<string, string[]>();
        for (var i = 0; i < fields.Length && i < digests.Length; i++)
        {
            // A field not on screen (details folded) sends nothing and cannot have lost anything since it was last shown.
            if (digests[i] is { } shown && shown != FieldDigest.Of(fields[i].Value()))
            {
                lost[fields[i].Field] = [LostTextMessage];
            }
        }
        return lost.Count == 0 ? null : lost;
    }
}
