// Placeholder until the generator lands.
import LiggareDomain
