// « Installer l'application » on phones (issue 22, ADR 032): the browser's own install prompt where it offers one (Chrome,
// Edge, Samsung Internet on Android), the Share-menu steps on an iPhone or iPad (Safari has no prompt); nothing on a
// computer, nor once the app is installed.

let deferred = null;
const listeners = new Set();
const changed = () => listeners.forEach(listener => listener());

window.addEventListener("beforeinstallprompt", event => {
    event.preventDefault(); // shown by our button, when the user wants it
    deferred = event;
    changed();
});
window.addEventListener("appinstalled", () => {
    deferred = null;
    changed();
});

export const IOS_STEPS = "Pour installer l'application : touchez le bouton Partager de Safari, puis « Sur l'écran d'accueil ».";

/** "prompt", "ios" or "none". */
export function installState() {
    const installed = matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
    const phone = matchMedia("(max-width: 1024px) and (pointer: coarse)").matches;
    if (installed || !phone) {
        return "none";
    }
    if (deferred) {
        return "prompt";
    }
    return /iPhone|iPad|iPod/.test(navigator.userAgent) ? "ios" : "none";
}

/** Shows the browser's prompt; true when the user installed the app. */
export async function install() {
    if (!deferred) {
        return false;
    }
    const prompt = deferred;
    deferred = null;
    await prompt.prompt();
    const choice = await prompt.userChoice;
    changed();
    return choice.outcome === "accepted";
}

export function onInstallChange(listener) {
    listeners.add(listener);
}

/** Keeps a plain-HTML hint (the offline entry page) in step with installState(). */
export function watchInstall(box, button, text) {
    const show = () => {
        const state = installState();
        box.hidden = state === "none";
        button.hidden = state !== "prompt";
        if (state === "ios") {
            text.textContent = IOS_STEPS;
        }
    };
    button.addEventListener("click", async () => {
        await install();
        show();
    });
    onInstallChange(show);
    show();
}
