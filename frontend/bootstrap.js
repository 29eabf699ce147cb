// The one Bootstrap plugin the pages use: Collapse, for the menu on a narrow screen
// (data-bs-toggle="collapse" in templates/page.html). Its data API sets itself up on import.
import Collapse from "bootstrap/js/src/collapse.js";

export default { Collapse };
