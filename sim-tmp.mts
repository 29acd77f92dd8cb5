import { runSimulation } from "@cloud-copilot/iam-simulate";
const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1";
const ALL = [{ name: "all", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }];
async function sim(stmts: unknown[], principal: string, ctx: Record<string, string>, ids = ALL) {
  const r = await runSimulation({ identityPolicies: ids, serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: { Version: "2012-10-17", Statement: stmts },
    request: { principal, action: "kms:Decrypt", resource: { resource: keyArn, accountId: "111122223333" }, contextVariables: ctx } } as never, { simulationMode: "Strict" });
  return r.resultType === "error" ? JSON.stringify(r.errors) : r.overallResult + " " + JSON.stringify((r as any).result?.analysis?.blockedBy ?? "");
}
const star = [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }];
console.log(await sim(star, "arn:aws:iam::000000000000:root", {}));
console.log(await sim(star, "arn:aws:iam::444455556666:root", {}));
console.log(await sim(star, "arn:aws:iam::444455556666:user/a", {}));
console.log(await sim([{ Effect: "Allow", Principal: { AWS: "444455556666" }, Action: "kms:Decrypt", Resource: "*" }], "arn:aws:iam::444455556666:root", {}));
const s1 = [{"Sid":"S1","Effect":"Allow","Principal":"*","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:dept":"ops"}}}];
console.log("67:", await sim(s1, "arn:aws:iam::000000000000:root", { "kms:EncryptionContext:dept": "ops", "aws:PrincipalArn": "arn:aws:iam::000000000000:root", "aws:PrincipalAccount": "000000000000", "aws:PrincipalType": "Account", "aws:PrincipalIsAWSService": "false", "aws:RequestedRegion": "eu-west-1", "kms:CallerAccount": "000000000000" }));
console.log("67b:", await sim(s1, "arn:aws:iam::000000000000:root", { "kms:EncryptionContext:dept": "ops" }));
console.log("67c:", await sim(s1, "arn:aws:iam::000000000000:root", { "kms:EncryptionContext:dept": "ops", "aws:PrincipalType": "Account" }));
console.log("role ec:", await sim(s1, "arn:aws:sts::111122223333:assumed-role/app/s", { "kms:EncryptionContext:dept": "ops" }));
console.log("role ec lower:", await sim(s1, "arn:aws:sts::111122223333:assumed-role/app/s", { "kms:encryptioncontext:dept": "ops" }));
const s2 = [{"Effect":"Allow","Principal":"*","Action":["kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"ops"}}}];
console.log("viaservice:", await sim(s2, "arn:aws:sts::111122223333:assumed-role/app/s", { "kms:ViaService": "ops" }));
const { runSimulation: rs } = await import("@cloud-copilot/iam-simulate");
const r = await rs({ identityPolicies: ALL, serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: { Version: "2012-10-17", Statement: s1 }, request: { principal: "arn:aws:sts::111122223333:assumed-role/app/s", action: "kms:Decrypt", resource: { resource: keyArn, accountId: "111122223333" }, contextVariables: { "kms:EncryptionContext:dept": "ops" } } } as never, { simulationMode: "Strict" });
console.log(JSON.stringify((r as any).result.analysis.resourceAnalysis, null, 0).slice(0, 1500));
