/* The tenancy context's OpenAPI paths, registered on import. */
import './programs/openapi.js';
