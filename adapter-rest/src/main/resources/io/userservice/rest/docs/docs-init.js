// Starts Swagger UI on the service's own OpenAPI document (loaded by /docs; no inline script).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true
  });
});
