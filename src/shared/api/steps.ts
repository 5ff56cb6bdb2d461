// `steps`: a test case's steps one at a time (insert at a place, edit, delete, reorder).
import { ById, type Deleted } from '../model/common'
import { CreateStepInput, ListStepsQuery, ReorderStepsInput, UpdateStepInput, type TestStep } from '../model/definition'
import { method, returns, type Namespace } from './contract'

export const steps = {
  list: method(ListStepsQuery, returns<TestStep[]>()),
  get: method(ById, returns<TestStep>()),
  create: method(CreateStepInput, returns<TestStep>()),
  update: method(UpdateStepInput, returns<TestStep>()),
  delete: method(ById, returns<Deleted>()),
  reorder: method(ReorderStepsInput, returns<TestStep[]>()),
} satisfies Namespace
