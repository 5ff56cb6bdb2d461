export interface PackContextLike {
  electronPlatformName: string
  arch: number
  appOutDir: string
  packager: { projectDir: string; getResourcesDir(appOutDir: string): string }
}
export default function afterPack(context: PackContextLike, buildBinding?: (root: string) => Promise<string>): Promise<void>
