/* The perks context's OpenAPI paths, registered on import; the Perk component before the businesses that embed it. */
import './categories/openapi.js';
import './perks/openapi.js';
import './businesses/openapi.js';
import './uses/openapi.js';
import './partner-codes/openapi.js';
