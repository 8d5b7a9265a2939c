// The meeting minutes' editor (ADR 031): a contenteditable area with a few formatting commands. What it sends is
// only a draft: the server sanitises the HTML on every save (MinutesHtml), and sets back what it stored.
window.cscMinutes = {
    attach: function (element, html, dotnet) {
        element.innerHTML = html || "";
        element.addEventListener("input", function () {
            dotnet.invokeMethodAsync("MinutesChanged", element.innerHTML);
        });
    },
    command: function (element, name) {
        element.focus();
        document.execCommand(name, false, null);
        element.dispatchEvent(new Event("input"));
    }
};
