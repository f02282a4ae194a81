// The prescription builder and the clinic routine editor: each exercise's dosage line follows its fields as they change, with the same wording as
// the server (Core's Dosage: "2 sets · 10 reps · hold 15–30 s · each side"). Without this script the line is the one
// the server wrote when the page was last posted, which is how the builder worked before.
(function () {
    "use strict";
    var sidesText = { EachSide: "each side", Alternating: "alternating sides", BothDirections: "both directions" };

    function number(card, name) {
        var input = card.querySelector("[name$='." + name + "']");
        if (!input || input.value.trim() === "") return null;
        var n = Number(input.value);
        return Number.isInteger(n) ? n : NaN;
    }

    function seconds(min, max) { return min + (max !== null && max !== min ? "–" + max : "") + " s"; }

    // Mirrors Dosage.ToString(); null when a field holds something the server would refuse (the line then waits).
    function dosageText(card) {
        var sets = number(card, "Sets"), repsMin = number(card, "RepsMin"), repsMax = number(card, "RepsMax");
        var holdMin = number(card, "HoldMinSeconds"), holdMax = number(card, "HoldMaxSeconds"), rest = number(card, "RestSeconds");
        if ([sets, repsMin, repsMax, holdMin, holdMax, rest].some(function (v) { return Number.isNaN(v); })) return null;
        var sides = card.querySelector("select[name$='.Sides']");
        var parts = [];
        if (sets !== null && sets > 1) parts.push(sets + " sets");
        if (repsMin !== null) parts.push(repsMax === null || repsMax === repsMin ? repsMin + (repsMin === 1 ? " rep" : " reps") : repsMin + "–" + repsMax + " reps");
        if (holdMin !== null) parts.push("hold " + seconds(holdMin, holdMax));
        if (sides && sidesText[sides.value]) parts.push(sidesText[sides.value]);
        if (rest !== null && rest > 0) parts.push("rest " + seconds(rest, null));
        if (parts.length === 0) parts.push("1 set");
        return parts.join(" · ");
    }

    function bind(card) {
        var line = card.querySelector(".dosage-line");
        if (!line) return;
        line.setAttribute("aria-live", "polite");
        var update = function () {
            var text = dosageText(card);
            if (text !== null) line.textContent = text;
        };
        card.addEventListener("input", update);
        card.addEventListener("change", update);
    }

    function start() { Array.prototype.forEach.call(document.querySelectorAll("#builder .builder-item, #routine-form .builder-item"), bind); }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
