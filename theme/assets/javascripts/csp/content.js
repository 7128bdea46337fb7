// Material for MkDocs 9.8.2 (MIT licence), partials/javascripts/content.html, moved from an inline
// <script> to this file so that the pages' Content-Security-Policy can forbid inline script.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
