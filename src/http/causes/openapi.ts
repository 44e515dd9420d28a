/* The causes context's OpenAPI paths, registered on import. */
import './categories/openapi.js';
import './causes/openapi.js';
