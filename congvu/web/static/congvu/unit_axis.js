/* Unit names on a chart's category axis, for the dashboard (charts.js) and the published figures
   (public_charts.js). Chart.js skips every other name once they crowd (on a phone, 27 units showed 14
   names: bars nobody could name) and cuts a long name at the canvas' edge ("BND phường Buôn Ma
   Thuột"). So every unit gets its line, the chart's box grows with the number of units, and a long
   name is shortened with "…" (the tooltip keeps it whole). */
(function () {
  "use strict";
  // 17 px a letter: "UBND phường Buôn Ma Thuột" (25 letters) was cut on a 330 px chart, 19 are not.
  var PX_PER_LETTER = 17, FEWEST = 16, LINE_PX = 22, ROOM_PX = 90;

  window.congvuUnitAxis = function (canvas, count, vertical) {
    var box = canvas && canvas.parentNode;
    if (box && vertical) {
      box.style.height = Math.max(box.clientHeight, ROOM_PX + LINE_PX * count) + "px";
    }
    var longest = Math.max(FEWEST, Math.floor((box ? box.clientWidth : 0) / PX_PER_LETTER));
    return { ticks: { autoSkip: false, callback: function (value) {
      var name = String(this.getLabelForValue(value));
      return name.length > longest ? name.slice(0, longest - 1) + "…" : name;
    } } };
  };
})();
