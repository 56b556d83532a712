/** Small builders for the hand-written OpenAPI description, shared by the API's and the run routes' parts. */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response with the given schema. */
export const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });

/** An optional query parameter. */
export const q = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });
