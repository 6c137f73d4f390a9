import { useState } from 'react'
import type { InputProps } from '@tarojs/components'
import { TextInput } from './TextInput'

/**
 * An ID number input the person can read while typing (18 characters are easy to get wrong behind
 * dots) and that hides the number once they leave the field, so it is not left on screen. `reveal`
 * keeps it readable while an error about it is shown: "请核对" asks them to read it.
 */
export function IdNumberInput({ reveal = false, ...props }: InputProps & { ariaLabel: string; reveal?: boolean }) {
  const [focused, setFocused] = useState(false)
  return (
    <TextInput
      {...props}
      type='idcard'
      password={!focused && !reveal && String(props.value ?? '') !== ''}
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
