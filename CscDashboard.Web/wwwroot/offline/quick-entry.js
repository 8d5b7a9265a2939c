// The offline entry page (/activities/quick; issue 22, ADR 032). The page itself holds no data: this script fills it from
// what the device keeps for the signed-in user (offline-store.js), checks an entry with the server's rules and French
// messages (the page's #quick-rules, from ActivityRules), keeps it in the queue, and sends the queue when the network is
// there — on load, on the "online" event and on "Envoyer maintenant" — to /activities/quick/sync, which creates each
// entry once. A refused entry stays with its reason; nothing is dropped without the user deleting it.

import * as store from "./offline-store.js";
import { watchInstall } from "./install.js";

const rules = JSON.parse(document.getElementById("quick-rules").textContent);
const M = rules.messages;
const $ = id => document.getElementById(id);
const form = $("quick-form");
const BATCH = 50;
const COUNTS = [
    ["InhabitantCount", "quick-inhabitants"],
    ["ProfessionalCount", "quick-professionals"],
    ["VolunteerCount", "quick-volunteers"],
    ["PartnerCount", "quick-partners"],
];
const DRAFT = "csc-quick-draft";

let user = null;        // the id of the user whose data the page shows
let context = null;     // what the device keeps for them
let token = null;       // the antiforgery token of the last context fetched (memory only)
let editing = null;     // the key of the entry in the form, when editing one
let chosenCentres = []; // ids
let syncing = null;     // the sync under way
let again = false;      // asked again while a sync was under way

// ---- Small helpers ----

const pad = n => String(n).padStart(2, "0");
const isoDate = d => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const today = () => isoDate(new Date());
function addDays(iso, days) {
    const [y, m, d] = iso.split("-").map(Number);
    return isoDate(new Date(y, m - 1, d + days));
}
function frenchDate(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(y, m - 1, d).toLocaleDateString("fr-FR", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
}
function duration(minutes) {
    if (minutes < 60) {
        return `${minutes} min`;
    }
    return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${pad(minutes % 60)}`;
}
const plural = (n, one, many) => `${n} ${n > 1 ? many : one}`;
const optionText = (select, value) => [...$(select).options].find(o => o.value === String(value))?.textContent ?? "";
function newKey() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map(x => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
function element(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
        if (k.startsWith("data-") || k.startsWith("aria-")) {
            e.setAttribute(k, v);
        } else {
            e[k] = v;
        }
    }
    e.append(...children);
    return e;
}

// ---- The rules of ActivityRules, on the device ----

// TextRules: control characters (tab and line breaks allowed in notes) and the bidirectional overrides and isolates.
function forbiddenCharacter(text, multiLine) {
    for (const c of text) {
        const code = c.charCodeAt(0);
        const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
        const allowed = multiLine && (c === "\t" || c === "\n" || c === "\r");
        if ((control && !allowed) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
            return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
        }
    }
    return null;
}
const textProblem = (label, code) => `« ${label} » contient un caractère invisible ou de contrôle (${code}) : retirez-le. Rien n'a été enregistré.`;

export function validate(data, operations) {
    const errors = {};
    const add = (field, message) => (errors[field] ??= []).push(message);
    const title = data.title.trim();
    if (!title) {
        add("Title", M.titleRequired);
    } else if (title.length > rules.maxTitle) {
        add("Title", M.titleTooLong);
    } else if (forbiddenCharacter(data.title, false)) {
        add("Title", textProblem("Titre", forbiddenCharacter(data.title, false)));
    }
    if (data.notes && forbiddenCharacter(data.notes, true)) {
        add("Notes", textProblem("Notes", forbiddenCharacter(data.notes, true)));
    }
    if (!data.date || !operations.some(o => o.start <= data.date && data.date <= o.end)) {
        add("Date", M.dateOutside);
    } else if (data.date > addDays(today(), rules.maxDaysAhead)) {
        add("Date", M.dateTooFar);
    }
    if (!Number.isInteger(data.durationMinutes) || data.durationMinutes < rules.minDuration || data.durationMinutes > rules.maxDuration) {
        add("DurationMinutes", M.duration);
    }
    for (const [field] of COUNTS) {
        const value = data[field[0].toLowerCase() + field.slice(1)];
        if (!Number.isInteger(value) || value < 0 || value > rules.maxCount) {
            add(field, M.count);
        }
    }
    if (data.type === rules.publicAction) {
        if (data.centreIds.length === 0) {
            add("CentreIds", M.publicCentre);
        }
        if (data.inhabitantCount + data.professionalCount + data.volunteerCount + data.partnerCount === 0) {
            add("InhabitantCount", M.publicParticipant);
        }
    }
    if (!data.territoryId) {
        add("TerritoryId", M.territory);
    }
    return errors;
}

// ---- The form ----

const number = id => {
    const text = $(id).value.trim();
    return text === "" ? NaN : Number(text);
};

function readForm() {
    const data = {
        title: $("quick-title").value,
        date: $("quick-date").value,
        territoryId: Number($("quick-territory").value) || 0,
        type: $("quick-type").value,
        format: $("quick-format").value,
        place: $("quick-place").value,
        durationMinutes: number("quick-duration"),
        centreIds: [...chosenCentres],
        notes: $("quick-notes").value,
    };
    for (const [field, id] of COUNTS) {
        data[field[0].toLowerCase() + field.slice(1)] = number(id);
    }
    return data;
}

function fillForm(data) {
    $("quick-title").value = data.title ?? "";
    $("quick-date").value = data.date ?? today();
    if (data.territoryId) {
        $("quick-territory").value = String(data.territoryId);
    }
    for (const field of ["type", "format", "place"]) {
        if (data[field] && optionText(`quick-${field}`, data[field])) {
            $(`quick-${field}`).value = data[field];
        }
    }
    $("quick-duration").value = Number.isFinite(data.durationMinutes) ? String(data.durationMinutes) : "";
    for (const [field, id] of COUNTS) {
        const value = data[field[0].toLowerCase() + field.slice(1)];
        $(id).value = Number.isFinite(value) ? String(value) : "0";
    }
    $("quick-notes").value = data.notes ?? "";
    $("quick-details").open = Boolean(data.notes);
    chosenCentres = [...(data.centreIds ?? [])];
    renderCentreOptions();
    renderCentres();
    markPresets();
}

function resetForm() {
    editing = null;
    const keep = { type: $("quick-type").value, format: $("quick-format").value, place: $("quick-place").value, territoryId: Number($("quick-territory").value) };
    fillForm({ ...keep, date: today(), durationMinutes: 60, title: "", notes: "", centreIds: [] });
    showErrors({});
    $("quick-form-title").textContent = "Nouvelle activité";
    $("quick-save").textContent = "Enregistrer sur l'appareil";
    $("quick-cancel").hidden = true;
}

function showErrors(errors, summary = "Corrigez les champs signalés : rien n'a été enregistré.") {
    for (const p of form.querySelectorAll("[data-field]")) {
        const messages = errors[p.dataset.field] ?? [];
        p.textContent = messages.join(" ");
        $(p.dataset.for).setAttribute("aria-invalid", messages.length > 0 ? "true" : "false");
    }
    const box = $("quick-errors");
    const fields = Object.keys(errors);
    box.hidden = fields.length === 0;
    box.textContent = fields.length === 0 ? "" : summary;
}

function markPresets() {
    const minutes = $("quick-duration").value;
    for (const chip of $("quick-presets").querySelectorAll("[data-minutes]")) {
        chip.setAttribute("aria-pressed", chip.dataset.minutes === minutes ? "true" : "false");
    }
}

function centreName(id) {
    return context?.centres.find(c => c.id === id)?.name ?? `Centre n° ${id}`;
}

function renderCentreOptions() {
    const select = $("quick-centre");
    const territory = Number($("quick-territory").value);
    select.replaceChildren(element("option", { value: "", textContent: "Ajouter un centre…" }),
        ...(context?.centres ?? []).filter(c => c.territoryId === territory).map(c => element("option", { value: String(c.id), textContent: c.name })));
}

function renderCentres() {
    $("quick-centres").replaceChildren(...chosenCentres.map(id => element("li", { className: "quick-chip quick-chip-chosen" },
        element("span", { textContent: centreName(id) }),
        element("button", {
            type: "button", className: "quick-chip-remove", textContent: "×", "aria-label": `Retirer le centre ${centreName(id)}`,
            onclick: () => { chosenCentres = chosenCentres.filter(c => c !== id); renderCentres(); },
        }))));
}

async function save(event) {
    event.preventDefault();
    const data = readForm();
    const errors = validate(data, context.operations);
    showErrors(errors);
    if (Object.keys(errors).length > 0) {
        form.querySelector("[aria-invalid=true]")?.focus();
        return;
    }
    const now = new Date().toISOString();
    let entry;
    if (editing) {
        entry = await store.getEntry(editing);
        if (!entry || entry.state === "sent") {
            showErrors({ "": [] }, "Cette saisie a été envoyée entre-temps : modifiez-la dans le journal d'activités.");
            return;
        }
        Object.assign(entry, { data, state: "pending", reason: null, errors: null, savedAt: entry.savedAt, editedAt: now });
    } else {
        entry = { key: newKey(), user, state: "pending", data, savedAt: now };
    }
    await store.putEntry(entry);
    const edited = editing !== null;
    resetForm();
    announce(edited ? "Modification enregistrée sur l'appareil." : "Activité enregistrée sur l'appareil.");
    await renderQueue();
    $("quick-title").focus();
    requestSync();
}

function announce(text) {
    $("quick-sync-status").textContent = text;
}

// ---- The queue ----

const STATE_LABELS = { pending: "En attente d'envoi", sent: "Envoyée", refused: "Refusée" };

async function renderQueue() {
    const entries = await store.entriesOf(user);
    $("quick-queue-section").hidden = !user;
    $("quick-empty").hidden = entries.length > 0;
    $("quick-clear-sent").hidden = !entries.some(e => e.state === "sent");
    $("quick-list").replaceChildren(...entries.slice().reverse().map(entryItem));
    const pending = entries.filter(e => e.state === "pending").length;
    $("quick-sync").disabled = pending === 0;
    $("quick-sync").textContent = pending === 0 ? "Rien à envoyer" : `Envoyer maintenant (${pending})`;
}

function entryItem(entry) {
    const d = entry.data;
    const meta = [frenchDate(d.date), Number.isFinite(d.durationMinutes) ? duration(d.durationMinutes) : "",
        context?.territories.find(t => t.id === d.territoryId)?.name ?? "", optionText("quick-type", d.type)].filter(Boolean).join(" · ");
    let state = STATE_LABELS[entry.state];
    if (entry.state === "sent" && entry.duplicate) {
        state += " (déjà reçue)";
    }
    const stateLine = element("p", { className: `quick-state quick-state-${entry.state}`, "data-testid": "entry-state" }, state);
    if (entry.state === "refused") {
        stateLine.append(` : ${entry.reason}`);
    }
    const actions = element("div", { className: "quick-entry-actions" });
    if (entry.state === "sent") {
        actions.append(element("a", { href: `/activities/${entry.activityId}`, className: "quick-link", textContent: "Voir l'activité" }));
    } else {
        actions.append(
            element("button", { type: "button", className: "quick-button-secondary", textContent: "Modifier", "aria-label": `Modifier : ${d.title}`, onclick: () => edit(entry.key) }),
            deleteButton(entry));
    }
    return element("li", { className: "quick-entry", "data-testid": "queue-entry", "data-state": entry.state, "data-key": entry.key },
        element("p", { className: "quick-entry-title", textContent: d.title }),
        element("p", { className: "quick-entry-meta", textContent: meta }),
        stateLine, actions);
}

// Deleting asks once more on the same button: a slip of the thumb does not lose an activity.
function deleteButton(entry) {
    const button = element("button", { type: "button", className: "quick-button-danger", textContent: "Supprimer", "aria-label": `Supprimer : ${entry.data.title}` });
    button.onclick = async () => {
        if (button.dataset.confirm !== "true") {
            button.dataset.confirm = "true";
            button.textContent = "Confirmer la suppression";
            button.setAttribute("aria-label", `Confirmer la suppression : ${entry.data.title}`);
            return;
        }
        if (syncing) {
            announce("Envoi en cours : réessayez dans un instant.");
            return;
        }
        await store.deleteEntry(entry.key);
        if (editing === entry.key) {
            resetForm();
        }
        announce("Saisie supprimée de l'appareil.");
        await renderQueue();
    };
    return button;
}

async function edit(key) {
    if (syncing) {
        announce("Envoi en cours : réessayez dans un instant.");
        return;
    }
    const entry = await store.getEntry(key);
    if (!entry || entry.state === "sent") {
        return;
    }
    editing = key;
    fillForm(entry.data);
    showErrors(entry.errors ?? {}, entry.reason ? `Refusée par le serveur : ${entry.reason}` : undefined);
    $("quick-form-title").textContent = "Modifier la saisie";
    $("quick-save").textContent = "Enregistrer la modification";
    $("quick-cancel").hidden = false;
    $("quick-title").focus();
}

// ---- Network, session and sync ----

function showNetwork() {
    $("quick-network").textContent = navigator.onLine
        ? "En ligne : vos saisies sont envoyées dès leur enregistrement."
        : "Hors connexion : vos saisies restent sur cet appareil et partiront au retour du réseau.";
    $("quick-network").classList.toggle("quick-offline", !navigator.onLine);
}

function showSession(message) {
    $("quick-session").hidden = !message;
    $("quick-session-text").textContent = message ?? "";
}

/** Asks the server who is signed in; keeps their context on the device. Returns false when the server cannot be used now. */
async function fetchContext() {
    let response;
    try {
        response = await fetch("/activities/quick/context", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
    } catch {
        return false;
    }
    if (response.status === 401 || response.status === 403) {
        const problem = await response.json().catch(() => null);
        showSession(problem?.detail ?? "Connectez-vous pour envoyer vos saisies.");
        return false;
    }
    if (!response.ok) {
        return false;
    }
    const fresh = await response.json();
    token = fresh.token;
    delete fresh.token;
    showSession(null);
    await store.switchUser(fresh.user.id);
    await store.putContext({ ...fresh, userId: fresh.user.id, savedAt: new Date().toISOString() });
    const changed = user !== fresh.user.id || !context;
    user = fresh.user.id;
    context = fresh;
    if (changed) {
        applyContext();
    }
    return true;
}

function applyContext() {
    const ready = Boolean(context);
    form.hidden = !ready;
    $("quick-unprepared").hidden = ready;
    if (!ready) {
        return;
    }
    const territory = $("quick-territory");
    territory.replaceChildren(
        ...(context.territories.length === 1 ? [] : [element("option", { value: "", textContent: "Choisir un territoire…" })]),
        ...context.territories.map(t => element("option", { value: String(t.id), textContent: t.name })));
    fillForm({ territoryId: context.territoryId ?? (context.territories.length === 1 ? context.territories[0].id : 0),
        type: context.type, format: context.format, place: context.place, date: today(), durationMinutes: 60, centreIds: [] });
    editing = null;
}

function requestSync() {
    if (syncing) {
        again = true;
        return syncing;
    }
    syncing = (async () => {
        try {
            do {
                again = false;
                await syncOnce();
            } while (again);
        } finally {
            syncing = null;
            await renderQueue();
        }
    })();
    return syncing;
}

async function syncOnce() {
    if (!user || (await store.pendingCount(user)) === 0) {
        return;
    }
    if (!navigator.onLine) {
        announce(`${plural(await store.pendingCount(user), "saisie attend", "saisies attendent")} le retour du réseau pour partir.`);
        return;
    }
    announce("Envoi en cours…");
    if (!(await fetchContext())) {
        announce(navigator.onLine && !$("quick-session").hidden ? "Envoi en attente de votre connexion." : "Serveur injoignable : vos saisies restent en attente.");
        return;
    }
    await renderQueue();
    const pending = (await store.entriesOf(user)).filter(e => e.state === "pending");
    const counts = { sent: 0, refused: 0 };
    for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        let response;
        try {
            response = await fetch("/activities/quick/sync", {
                method: "POST", credentials: "same-origin", cache: "no-store",
                headers: { "Content-Type": "application/json", Accept: "application/json", RequestVerificationToken: token },
                body: JSON.stringify({ entries: batch.map(e => ({ key: e.key, ...e.data })) }),
            });
        } catch {
            announce("La connexion s'est interrompue : les saisies non envoyées restent en attente.");
            return;
        }
        if (!response.ok) {
            const problem = await response.json().catch(() => null);
            if (response.status === 401 || response.status === 403) {
                showSession(problem?.detail);
            }
            announce(problem?.detail ?? "Envoi impossible pour le moment : vos saisies restent en attente.");
            return;
        }
        const { results } = await response.json();
        for (const result of results) {
            const entry = batch.find(e => e.key === result.key);
            if (!entry) {
                continue;
            }
            if (result.status === "refused") {
                Object.assign(entry, { state: "refused", reason: result.reason, errors: result.errors ?? null });
                counts.refused++;
            } else {
                Object.assign(entry, { state: "sent", activityId: result.activityId, duplicate: result.status === "duplicate", sentAt: new Date().toISOString(), errors: null, reason: null });
                counts.sent++;
            }
            await store.putEntry(entry);
        }
    }
    const parts = [];
    if (counts.sent) {
        parts.push(plural(counts.sent, "saisie envoyée", "saisies envoyées"));
    }
    if (counts.refused) {
        parts.push(`${plural(counts.refused, "saisie refusée", "saisies refusées")} : voyez la raison, corrigez puis enregistrez de nouveau`);
    }
    announce(parts.length ? `Envoi terminé : ${parts.join(", ")}.` : "");
}

// ---- Start ----

/**
 * What the Blazor entry form had when its connection dropped (app-offline.js), to go on with here. Taken only once the
 * form can show it (the device knows the user's territories): until then it waits in this tab.
 */
function takeDraft() {
    const text = sessionStorage.getItem(DRAFT);
    if (!text || !context) {
        return null;
    }
    sessionStorage.removeItem(DRAFT);
    try {
        return JSON.parse(text);
    } catch {
        return null;
    }
}

function applyDraft() {
    const draft = takeDraft();
    if (draft) {
        const typed = Object.entries(draft).filter(([k, v]) => v !== null && v !== "" && !Number.isNaN(v) && !(k === "territoryId" && !v));
        fillForm({ ...readForm(), ...Object.fromEntries(typed) });
        announce("Ce que vous aviez saisi a été repris : vérifiez-le puis enregistrez-le.");
    }
}

/** The network is back: a page that could not be prepared is now, then the queue leaves. */
async function backOnline() {
    showNetwork();
    if (!context && await fetchContext()) {
        applyDraft();
        await renderQueue();
    }
    await requestSync();
}

async function start() {
    showNetwork();
    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("/sw.js").catch(() => { });
    }
    watchInstall($("quick-install"), $("quick-install-button"), $("quick-install-text"));
    form.addEventListener("submit", save);
    $("quick-cancel").addEventListener("click", () => { resetForm(); announce("Modification annulée."); });
    $("quick-territory").addEventListener("change", renderCentreOptions);
    $("quick-duration").addEventListener("input", markPresets);
    $("quick-presets").addEventListener("click", e => {
        const chip = e.target.closest("[data-minutes]");
        if (chip) {
            $("quick-duration").value = chip.dataset.minutes;
            markPresets();
        }
    });
    $("quick-centre").addEventListener("change", e => {
        const id = Number(e.target.value);
        if (id && !chosenCentres.includes(id)) {
            chosenCentres.push(id);
            renderCentres();
        }
        e.target.value = "";
    });
    $("quick-sync").addEventListener("click", () => requestSync());
    $("quick-clear-sent").addEventListener("click", async () => {
        for (const entry of (await store.entriesOf(user)).filter(e => e.state === "sent")) {
            await store.deleteEntry(entry.key);
        }
        await renderQueue();
    });
    window.addEventListener("online", backOnline);
    window.addEventListener("offline", showNetwork);

    const online = navigator.onLine && await fetchContext();
    if (!online) {
        user = await store.getMeta("user") ?? null;
        context = user ? await store.getContext(user) ?? null : null;
        applyContext();
    }
    applyDraft();
    await renderQueue();
    document.body.dataset.ready = "true";
    if (online) {
        await requestSync();
    }
}

start();
