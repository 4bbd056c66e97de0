export { getFirstSteps } from "./first-steps";
export { FIRST_STEPS, FirstStepsOutput, type FirstStep, type FirstStepId } from "./schemas";
