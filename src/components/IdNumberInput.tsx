import { useState } from 'react'
import type { InputProps } from '@tarojs/components'
import { maskIdNumber } from '@/domain/mask'
import { TextInput } from './TextInput'

/**
 * An ID number input the person can read while typing (18 characters are easy to get wrong behind
 * dots) and that masks the number once they leave the field, so it is not left on screen: the
 * same 3****************4 as everywhere else in the app (password dots read as a different thing
 * and hid even the last digit that lets people recognise their own number). Tapping it shows the
 * number again for editing. `reveal` keeps it readable while an error about it is shown: "请核对"
 * asks them to read it.
 */
export function IdNumberInput({ reveal = false, ...props }: InputProps & { ariaLabel: string; reveal?: boolean }) {
  const [focused, setFocused] = useState(false)
  const value = String(props.value ?? '')
  const masked = !focused && !reveal && value !== ''
  return (
    <TextInput
      {...props}
      type='idcard'
      value={masked ? maskIdNumber(value) : value}
      onFocus={(e) => {
        setFocused(true)
        props.onFocus?.(e)
      }}
      onBlur={(e) => {
        setFocused(false)
        props.onBlur?.(e)
      }}
    />
  )
}
