// Placeholder until the module's first type lands.
import LiggareBasics
