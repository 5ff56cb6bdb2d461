// `tests`: test cases with their steps and suite links.
import { CreateTestCaseInput, ListTestCasesQuery, UpdateTestCaseInput, type TestCase, type TestCaseWithSteps } from '../model/definition'
import { returns, type Namespace } from './contract'
import { crud } from './crud'

export const tests = {
  ...crud(CreateTestCaseInput, UpdateTestCaseInput, ListTestCasesQuery, returns<TestCase>(), returns<TestCaseWithSteps>()),
} satisfies Namespace
