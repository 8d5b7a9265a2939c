// On every page of the app (App.razor; issue 22, ADR 032). For a signed-in user who logs activities (the page's
// <meta name="csc-user">): registers the service worker that keeps the offline entry page, forgets what the device kept for
// a previous user, prepares the offline entry from the home page, and empties the device's offline data at sign-out.
// Also gives the Blazor pages the install state and "Continuer hors connexion" (the reconnection banner).

import * as store from "./offline-store.js";
import { installState, install } from "./install.js";

const user = document.querySelector('meta[name="csc-user"]')?.content ?? "";
const DRAFT = "csc-quick-draft";
const CONTEXT_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** The Blazor entry form's values as the screen shows them, kept for /activities/quick in this tab. */
function continueOffline() {
    const value = id => document.getElementById(id)?.value ?? "";
    const number = id => (value(id).trim() === "" ? null : Number(value(id)));
    const chosen = document.querySelector("[data-testid=activity-draft-values]")?.dataset ?? {};
    const draft = {
        title: value("activity-title"),
        date: value("activity-date"),
        durationMinutes: number("activity-duration"),
        inhabitantCount: number("activity-InhabitantCount"),
        professionalCount: number("activity-ProfessionalCount"),
        volunteerCount: number("activity-VolunteerCount"),
        partnerCount: number("activity-PartnerCount"),
        notes: value("activity-notes"),
        type: chosen.type ?? "",
        format: chosen.format ?? "",
        place: chosen.place ?? "",
        territoryId: Number(chosen.territory) || 0,
        centreIds: [...document.querySelectorAll("[data-centre]")].map(c => Number(c.dataset.centre)).filter(Boolean),
    };
    sessionStorage.setItem(DRAFT, JSON.stringify(draft));
    location.assign("/activities/quick?reprise=1");
}

/** True when the page holds the Blazor entry form with something typed in it. */
function hasTypedEntry() {
    const title = document.getElementById("activity-title");
    return Boolean(title) && (title.value.trim() !== "" || (document.getElementById("activity-notes")?.value ?? "").trim() !== "");
}

window.cscOffline = { installState, install, continueOffline, hasTypedEntry };

// Sign-out: the device forgets this user's offline data. Entries not sent yet are only dropped once the user agrees.
document.addEventListener("submit", async event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action, location.href).pathname !== "/account/logout") {
        return;
    }
    event.preventDefault();
    try {
        const owner = user || await store.getMeta("user");
        const pending = owner ? await store.pendingCount(owner) : 0;
        const waiting = pending > 1 ? `${pending} activités saisies hors connexion n'ont pas encore été envoyées`
            : "Une activité saisie hors connexion n'a pas encore été envoyée";
        if (pending > 0 && !confirm(`${waiting} : se déconnecter l'effacera de cet appareil. Se déconnecter quand même ?`)) {
            return;
        }
        await store.signOut(owner);
    } catch {
        // No IndexedDB (private browsing in some browsers): nothing was kept, nothing to forget.
    }
    form.submit();
}, true);

async function prepare() {
    if (!user) {
        return;
    }
    if ("serviceWorker" in navigator) {
        navigator.serviceWorker.register("/sw.js").catch(() => { });
    }
    await store.switchUser(user);
    // The home page (the installed app's start) fetches what the offline entry needs, twice a day at most.
    const kept = await store.getContext(user);
    if (location.pathname === "/" && (!kept || Date.now() - Date.parse(kept.savedAt) > CONTEXT_MAX_AGE_MS)) {
        const response = await fetch("/activities/quick/context", { credentials: "same-origin", cache: "no-store" });
        if (response.ok) {
            const context = await response.json();
            delete context.token;
            if (context.user.id === user) {
                await store.putContext({ ...context, userId: user, savedAt: new Date().toISOString() });
            }
        }
    }
}

prepare().catch(() => { });
