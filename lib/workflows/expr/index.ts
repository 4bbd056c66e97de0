export { compileExpression, type CompiledExpression, type CompileResult } from "./compile";
export { ExpressionError, type ExpressionErrorCode } from "./errors";
export { DEFAULT_EXPR_LIMITS, type ExprLimits } from "./limits";
export { compileTemplate, type CompiledTemplate, type TemplateResult } from "./template";
export { toJsonValue } from "./values";
