// 我的事项 signed in, for the mini-programs: a plain import, in the main package as usual. The h5
// build takes mineSignedInView.h5.ts instead (Taro resolves `<name>.<target>.ts` first), so the
// target is chosen by the build's file resolution, not by a branch in feature code.
export { default as MineSignedIn } from './MineSignedIn'
