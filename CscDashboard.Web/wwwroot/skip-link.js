// "Aller au contenu" (issue 15, ADR 021): moves the keyboard focus to the page's main region. Blazor only
// scrolls to a fragment, so the next Tab would start again from the top; this runs first (capture phase).
document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.skip-link") : null;
    var target = link ? document.querySelector(link.getAttribute("href")) : null;
    if (!target) {
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    target.focus();
}, true);
