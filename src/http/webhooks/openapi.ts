/* The webhook subscriptions' OpenAPI paths, registered on import. */
import './subscriptions/openapi.js';
