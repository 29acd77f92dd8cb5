import { z } from "zod";

/** The role kms-drift assumes in discovered accounts unless config or `--org-role` names another. */
export const DEFAULT_ORG_ROLE_NAME = "kms-drift-audit";

/** An IAM role name, optionally under a path (`audit/kms-drift` ⇒ `role/audit/kms-drift`). */
export const roleNameSchema = z.string().regex(/^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, {
  message: "expected an IAM role name like kms-drift-audit (letters, digits and +=,.@_-)",
});

const parentIdSchema = z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, {
  message: "expected an OU id like ou-ab12-cd34ef56 (or a root id like r-ab12)",
});

/**
 * An account selector: a 12-digit account id, or a glob (`*` any run, `?` one character) matched
 * case-insensitively against the account's id and its name in the Organization.
 */
const accountPatternSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\u0000-\u001f\u007f]+$/, { message: "expected an account id or a name pattern" });

/**
 * Config `organization`: discover the accounts of the caller's AWS Organization and scan each
 * through `roleName`. `ous` limits discovery to those OUs and every OU below them; `include` keeps
 * only matching accounts, `exclude` drops matching ones; accounts that are not ACTIVE (suspended,
 * closing) are skipped unless `skipSuspended` is false. Every account left out is reported as
 * `skipped` with the reason.
 */
export const organizationConfigSchema = z.strictObject({
  roleName: roleNameSchema.default(DEFAULT_ORG_ROLE_NAME),
  externalId: z
    .string()
    .min(2)
    .max(1224)
    .regex(/^[\w+=,.@:/-]+$/, { message: "expected letters, digits and +=,.@:/-" })
    .optional(),
  ous: z.array(parentIdSchema).min(1).optional(),
  include: z.array(accountPatternSchema).min(1).optional(),
  exclude: z.array(accountPatternSchema).min(1).optional(),
  skipSuspended: z.boolean().default(true),
});

export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;

export function defaultOrganizationConfig(): OrganizationConfig {
  return organizationConfigSchema.parse({});
}

/**
 * `--org` turns discovery on (with config `organization`, else the defaults); `--org-role NAME`
 * does too and names the role, over the config's.
 */
export function applyOrganizationFlags<C extends { organization?: OrganizationConfig }>(
  config: C,
  flags: { org: boolean; orgRole?: string },
): C {
  if (!flags.org && flags.orgRole === undefined) return config;
  const organization = config.organization ?? defaultOrganizationConfig();
  return {
    ...config,
    organization: {
      ...organization,
      ...(flags.orgRole !== undefined ? { roleName: flags.orgRole } : {}),
    },
  };
}
