export { compileExpression, type CompiledExpression, type CompileResult } from "./compile";
export { ExpressionError, type ExpressionErrorCode } from "./errors";
export { DEFAULT_EXPR_LIMITS, type ExprLimits } from "./limits";
export { toJsonValue } from "./values";
