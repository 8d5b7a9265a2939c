// The circuit's reconnection banner (ReconnectModal.razor). Blazor sets the element's classes (show, retrying, failed,
// paused, resume-failed) and reports each state; the banner shows through CSS (app.css .reconnect-banner).
const banner = document.getElementById("components-reconnect-modal");
const offlineEntry = banner.querySelector(".reconnect-offline-entry");
banner.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);
document.getElementById("reconnect-continue-offline").addEventListener("click", () => window.cscOffline?.continueOffline());

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    // On the entry form with something typed: offer to go on in the offline entry, which does not need the circuit.
    offlineEntry.hidden = !(state !== "hide" && window.cscOffline?.hasTypedEntry());
    if (state === "failed") {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        window.addEventListener("online", retry, { once: true });
    } else if (state === "rejected") {
        // The server no longer knows this circuit: a new page, unless that would lose a typed entry.
        if (window.cscOffline?.hasTypedEntry()) {
            window.cscOffline.continueOffline();
        } else {
            location.reload();
        }
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
    try {
        // true: reconnected; false: the server was reached but dropped the circuit; an exception: the server is unreachable.
        const successful = await Blazor.reconnect();
        if (!successful) {
            const resumed = await Blazor.resumeCircuit();
            if (!resumed) {
                handleReconnectStateChanged({ detail: { state: "rejected" } });
            }
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        window.addEventListener("online", retry, { once: true });
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) {
            location.reload();
        }
    } catch {
        banner.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
