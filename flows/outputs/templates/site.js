// The index's search box: shows the rows whose subject, object, metric or label hold every word
// typed (no server, no library). ?q=words in the address fills it, so a filtered list can be shared.
(function () {
  var box = document.getElementById("q");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#claims tbody tr"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  function filter() {
    var words = box.value.toLowerCase().split(/\s+/).filter(function (w) { return w; });
    var count = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) { count += 1; }
    });
    shown.textContent = count + " shown";
    none.hidden = count !== 0;
  }
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) { box.value = given; }
  box.addEventListener("input", filter);
  filter();
})();
