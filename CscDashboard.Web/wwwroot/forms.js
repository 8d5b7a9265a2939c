// Length and FNV-1a hash (32 bits, over UTF-16 code units) of text fields as the browser shows them,
// for the activity form's all-or-nothing save (ADR 020; ActivityForm.Transport.cs computes the same).
// A field that is not on the page answers null.
window.cscForms = {
    digests: function (ids) {
        return ids.map(function (id) {
            var element = document.getElementById(id);
            if (!element) {
                return null;
            }
            var value = element.value || "";
            var hash = 0x811c9dc5;
            for (var i = 0; i < value.length; i++) {
                hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193) >>> 0;
            }
            return { length: value.length, hash: hash };
        });
    }
};
