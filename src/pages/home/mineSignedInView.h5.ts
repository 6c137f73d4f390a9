// 我的事项 signed in, on h5: a separate chunk loaded only for a signed-in person, so the first
// screen of everyone else stays as small as before (issue 18's budget). The mini-programs take
// mineSignedInView.ts (Taro resolves `<name>.<target>.ts` first).
import { lazy, type ComponentType } from 'react'

export const MineSignedIn: ComponentType = lazy(() => import('./MineSignedIn'))
