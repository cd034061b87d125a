// Starts GOV.UK Frontend's components. Everything works without this script too.
import { initAll } from "/vendor/govuk/govuk-frontend.min.js";

initAll();
