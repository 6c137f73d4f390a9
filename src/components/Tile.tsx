import { View, Text, Image } from '@tarojs/components'

interface Props {
  label: string
  /** Imported PNG (src/assets/tiles); decorative, the label names the tile. */
  icon?: string
  hint?: string
  onTap: () => void
}

/** A large service entry: icon + word, the whole tile is one target. */
export function Tile({ label, icon, hint, onTap }: Props) {
  return (
    <View className='tile' ariaRole='button' ariaLabel={label} hoverClass='tile-hover' onClick={onTap}>
      {icon ? <Image className='tile-icon' src={icon} mode='scaleToFill' nativeProps={{ alt: '' }} /> : null}
      <Text className='tile-label'>{label}</Text>
      {hint ? <Text className='tile-hint'>{hint}</Text> : null}
    </View>
  )
}
