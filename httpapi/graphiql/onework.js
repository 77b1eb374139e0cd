// Renders GraphiQL against this server's /graphql. A token goes in the
// Headers tab as {"Authorization": "Bearer ..."}.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: "# OneWork: docs/demo.md has the demo's stories and their queries.\n" +
      "{\n  vacancies(filter: { near: { placeId: \"E07000081\", withinKm: 15 }, openNow: true }, first: 5) {\n" +
      "    totalCount\n    nodes { id title employer { name kind } closesAt }\n  }\n}\n"
  }));
})();
