// The service worker of CscDashboard (issue 22, ADR 032). Its cache policy, deliberately narrow:
//  - it keeps only SHELL: the offline entry page (the same for everyone, no data in it), its script, styles and icons,
//    the manifest and the "hors connexion" page. Each is fetched from the network first (fresh whenever the network
//    answers within a few seconds) and served from the cache without a network;
//  - every other request goes to the network untouched and is never stored: the app's pages (they hold data), the
//    circuit, the offline entry's context and sync (personal data, "no-store"), files, the API;
//  - a page asked for without a network gets the "hors connexion" page, which leads to the offline entry.
// What the offline entry keeps for a user lives in IndexedDB (offline-store.js), not here, and goes at sign-out.

const CACHE = "csc-shell-v1";
const OFFLINE_PAGE = "/offline.html";
const SHELL = [
    "/activities/quick",
    OFFLINE_PAGE,
    "/offline/quick-entry.js",
    "/offline/offline-store.js",
    "/offline/install.js",
    "/offline/quick-entry.css",
    "/app.css",
    "/favicon.svg",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/apple-touch-icon.png",
];
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", event => {
    event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
    event.waitUntil((async () => {
        for (const name of await caches.keys()) {
            if (name !== CACHE) {
                await caches.delete(name);
            }
        }
        await self.clients.claim();
    })());
});

// The network's answer, or the cached copy when the network fails or takes longer than NETWORK_WAIT_MS (a weak signal).
async function networkFirst(request, path) {
    const cache = await caches.open(CACHE);
    const network = fetch(request).then(response => {
        if (response.ok && response.type === "basic" && !response.redirected) {
            cache.put(path, response.clone());
        }
        return response;
    });
    network.catch(() => { }); // a late failure after the cached copy was served is no error
    const slow = new Promise(resolve => setTimeout(resolve, NETWORK_WAIT_MS));
    try {
        const answer = await Promise.race([network, slow.then(() => null)]);
        if (answer) {
            return answer;
        }
    } catch {
        // no network: the cached copy below
    }
    return (await cache.match(path)) ?? network;
}

self.addEventListener("fetch", event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) {
        return;
    }
    if (SHELL.includes(url.pathname)) {
        event.respondWith(networkFirst(request, url.pathname));
    } else if (request.mode === "navigate") {
        // A page of the app: always from the network, never stored; without a network, the "hors connexion" page.
        event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE_PAGE)) ?? Response.error()));
    }
});
