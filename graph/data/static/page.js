// strikegraph page: draws the network from the JSON block and wires the controls.
// Every text from the graph is put into the page with textContent, value or vis-network's
// plain-string tooltips (innerText): never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var state = { relations: new Set(data.relations), since: "", until: "", undated: true };
  var ends = new Set();

  function edgeVisible(edge) {
    if (!state.relations.has(edge.relation)) return false;
    if (!edge.date) return state.undated;
    return (!state.since || edge.date >= state.since) && (!state.until || edge.date <= state.until);
  }

  var edgeView = new vis.DataView(edges, { filter: edgeVisible });
  var nodeView = new vis.DataView(nodes, { filter: function (node) { return ends.has(node.id); } });

  function collectEnds() {
    ends = new Set();
    edgeView.forEach(function (edge) { ends.add(edge.from); ends.add(edge.to); });
  }

  collectEnds();
  nodeView.refresh();
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var page = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
               ready: false, readyAt: null };
  window.strikegraph = page;

  function finish() {
    if (page.ready) return;
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    page.ready = true;
    page.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }

  if (data.options.physics.enabled && nodes.length > 0) {
    network.once("stabilizationIterationsDone", finish);
  } else {
    network.once("afterDrawing", finish);
  }

  function showShown() {
    document.getElementById("shown").textContent =
      "Showing " + nodeView.length + " of " + nodes.length + " nodes, " +
      edgeView.length + " of " + edges.length + " edges.";
  }

  function refresh() {
    edgeView.refresh();
    collectEnds();
    nodeView.refresh();
    showShown();
  }

  var details = document.getElementById("details");
  function showDetails(text) { details.textContent = text || "Click a node or an edge."; }

  network.on("click", function (params) {
    if (params.nodes.length) showDetails(nodes.get(params.nodes[0]).title);
    else if (params.edges.length) showDetails(edges.get(params.edges[0]).title);
    else showDetails("");
  });

  document.querySelectorAll("input[name=relation]").forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked) state.relations.add(box.value); else state.relations.delete(box.value);
      refresh();
    });
  });

  var since = document.getElementById("since");
  var until = document.getElementById("until");
  var undated = document.getElementById("undated");
  if (data.dates.length) {
    [since, until].forEach(function (input) { input.min = data.dates[0]; input.max = data.dates[1]; });
  }
  since.addEventListener("change", function () { state.since = since.value; refresh(); });
  until.addEventListener("change", function () { state.until = until.value; refresh(); });
  undated.addEventListener("change", function () { state.undated = undated.checked; refresh(); });

  var names = document.getElementById("node-names");
  nodes.get({ order: "label" }).forEach(function (node) {
    var option = document.createElement("option");
    option.value = node.label;
    names.appendChild(option);
  });

  function findNode(text) {
    var needle = text.trim().toLowerCase();
    if (!needle) return null;
    var all = nodeView.get();
    return all.find(function (n) { return n.label.toLowerCase() === needle; }) ||
      all.find(function (n) { return n.search.toLowerCase().split(" | ").indexOf(needle) >= 0; }) ||
      all.find(function (n) { return n.search.toLowerCase().indexOf(needle) >= 0; }) || null;
  }

  var find = document.getElementById("find");
  function goTo() {
    var node = findNode(find.value);
    if (!node) {
      if (find.value.trim()) showDetails("No node shown here is called \u201c" + find.value.trim() + "\u201d.");
      return;
    }
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.3, animation: false });
    showDetails(node.title);
  }
  find.addEventListener("change", goTo);
  find.addEventListener("keydown", function (event) { if (event.key === "Enter") goTo(); });

  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll("input[name=relation]").forEach(function (box) { box.checked = true; });
    state = { relations: new Set(data.relations), since: "", until: "", undated: true };
    since.value = ""; until.value = ""; undated.checked = true; find.value = "";
    refresh();
    network.unselectAll();
    network.fit({ animation: false });
    showDetails("");
  });

  showShown();
})();
