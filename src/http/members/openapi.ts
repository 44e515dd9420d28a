/* The members context's OpenAPI paths, registered on import. */
import './members/openapi.js';
