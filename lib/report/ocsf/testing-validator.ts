import Ajv2020 from "ajv/dist/2020";
import schema from "./compliance-finding-1.3.0.schema.json";

/** Test-only (ajv is a dev dependency): the OCSF 1.3.0 Compliance Finding schema, compiled strictly. */
export function createOcsfValidator(): (value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // An annotation only: it lists the class's recommended attributes.
  ajv.addKeyword({ keyword: "x-ocsf-recommended", schemaType: "array" });
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

export { schema as ocsfSchema };
