// Filters a time zone list as the person types (city, region or offset). Without this script the list is a plain
// select with one group per region, and the filter box stays hidden.
(function () {
    "use strict";
    function bind(input) {
        if (input.dataset.bound) return;
        var select = document.getElementById(input.getAttribute("data-tz-filter-for"));
        if (!select) return;
        input.dataset.bound = "1";
        input.hidden = false;
        input.addEventListener("input", function () {
            var words = input.value.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
            var matches = [];
            Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
                var any = false;
                Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
                    var text = (group.label + " " + option.textContent + " " + option.value).toLowerCase().replace(/_/g, " ");
                    var show = option.selected || words.every(function (w) { return text.indexOf(w) >= 0; });
                    option.hidden = !show;
                    if (show) { any = true; if (!option.selected) matches.push(option); }
                });
                group.hidden = !any;
            });
            if (matches.length === 1) { matches[0].selected = true; select.dispatchEvent(new Event("change")); }
        });
    }
    function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-tz-filter-for]"), bind); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
