// What the offline entry keeps on the device (issue 22, ADR 032), in one IndexedDB database, "csc-offline":
//  - entries:  the queue, one record per activity typed on the device, by its idempotency key:
//              { key, user, state: "pending" | "sent" | "refused", data, reason, errors, activityId, duplicate, savedAt, sentAt }
//  - contexts: per user, what /activities/quick/context answered (name, territories, centres, defaults, operations), without its token
//  - meta:     "user", the id of the last signed-in user seen on this device
// Nothing else: no page, no list of activities, no other person's data. Sign-out (app-offline.js) and a change of user remove it.

const NAME = "csc-offline";
const VERSION = 1;
let opening = null;

function open() {
    opening ??= new Promise((resolve, reject) => {
        const request = indexedDB.open(NAME, VERSION);
        request.onupgradeneeded = () => {
            const db = request.result;
            db.createObjectStore("entries", { keyPath: "key" }).createIndex("user", "user");
            db.createObjectStore("contexts", { keyPath: "userId" });
            db.createObjectStore("meta");
        };
        request.onsuccess = () => {
            const db = request.result;
            // Another tab deleting or upgrading the database: let it, and open again next time.
            db.onversionchange = () => { db.close(); opening = null; };
            resolve(db);
        };
        request.onerror = () => { opening = null; reject(request.error); };
    });
    return opening;
}

// Runs work(stores) in one transaction; resolves with what work returned once the transaction has committed.
async function run(names, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
        const tx = db.transaction(names, mode);
        const stores = Object.fromEntries(names.map(n => [n, tx.objectStore(n)]));
        let result;
        Promise.resolve(work(stores)).then(r => { result = r; }, e => { tx.abort(); reject(e); });
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error("transaction abandonnée"));
    });
}

const ask = request => new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
});

export const getMeta = key => run(["meta"], "readonly", s => ask(s.meta.get(key)));
export const setMeta = (key, value) => run(["meta"], "readwrite", s => { s.meta.put(value, key); });

export const getContext = userId => run(["contexts"], "readonly", s => ask(s.contexts.get(userId)));
export const putContext = context => run(["contexts"], "readwrite", s => { s.contexts.put(context); });

export const getEntry = key => run(["entries"], "readonly", s => ask(s.entries.get(key)));
export const putEntry = entry => run(["entries"], "readwrite", s => { s.entries.put(entry); });
export const deleteEntry = key => run(["entries"], "readwrite", s => { s.entries.delete(key); });

/** The entries of a user, oldest first. */
export async function entriesOf(userId) {
    if (!userId) {
        return [];
    }
    const entries = await run(["entries"], "readonly", s => ask(s.entries.index("user").getAll(userId)));
    return entries.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export async function pendingCount(userId) {
    return (await entriesOf(userId)).filter(e => e.state === "pending").length;
}

/**
 * Another user signed in on this device: the previous user's centres, defaults and sent or refused entries go; their entries
 * still waiting to be sent stay (never shown to anyone else) until they sign in again here or sign out.
 */
export async function switchUser(userId) {
    const previous = await getMeta("user");
    if (previous === userId) {
        return;
    }
    await run(["entries", "contexts", "meta"], "readwrite", async s => {
        if (previous) {
            s.contexts.delete(previous);
            for (const entry of await ask(s.entries.index("user").getAll(previous))) {
                if (entry.state !== "pending") {
                    s.entries.delete(entry.key);
                }
            }
        }
        s.meta.put(userId, "user");
    });
}

/** Sign-out: everything of this user (their queue too, once they agreed), and every user's centres and defaults. */
export async function signOut(userId) {
    await run(["entries", "contexts", "meta"], "readwrite", async s => {
        s.contexts.clear();
        s.meta.delete("user");
        if (userId) {
            for (const key of await ask(s.entries.index("user").getAllKeys(userId))) {
                s.entries.delete(key);
            }
        }
    });
}
